// A written-question set as the texts job finds it (a Zaak, its documents and their versions,
// inserted directly), the KOOP fixtures, and one texts run against loopback sources with injected
// sleep (recorded, never waited on).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../../server/db/client.ts';
import { documents, documentTexts, documentVersies } from '../../../server/db/schema/index.ts';
import { TextFetcher } from '../../../server/texts/fetch-client.ts';
import { tkResourceUrl } from '../../../server/texts/read-document.ts';
import { runTexts, type TextsRunResult } from '../../../server/texts/run-texts.ts';
import { insertDocument, insertZaak } from '../../helpers/builders.ts';
import type { TextSources } from './koop-server.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/koop/', import.meta.url));

export function koopFixture(name: string): string {
  return fs.readFileSync(`${FIXTURES}${name}.xml`, 'utf8');
}

export interface SampleSet {
  zaakId: string;
  questions: string;
  answer: string;
  nader: string;
  notice: string;
}

/**
 * Zaak 2025Z10001 with its questions (kv-tk-2025Z10001), a delay notice whose DocumentVersie
 * names its publication (ah-tk-20242025-1100), an answer and a nader answer whose publications are
 * derived from their Aanhangselnummer (ah-tk-20242025-1244, ah-tk-20242025-1301).
 */
export async function insertSampleSet(db: Db, nummer = '2025Z10001'): Promise<SampleSet> {
  const zaakId = await insertZaak(db, { nummer, gestartOp: '2025-05-20', onderwerp: 'Datalek bij laboratorium' });
  const questions = await insertDocument(db, { zaakId, soort: 'Schriftelijke vragen', datum: '2025-05-20', nummer: '2025D20001' });
  const notice = await insertDocument(db, { zaakId, soort: 'Mededeling (uitstel antwoord)', datum: '2025-06-10', nummer: '2025D20002' });
  const answer = await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen', datum: '2025-06-24', nummer: '2025D20003' });
  const nader = await insertDocument(db, { zaakId, soort: 'Antwoord schriftelijke vragen (nader)', datum: '2025-07-08', nummer: '2025D20004' });
  await db.update(documents).set({ vergaderjaar: '2024-2025', aanhangselnummer: '242501244' }).where(eq(documents.id, answer));
  await db.update(documents).set({ vergaderjaar: '2024-2025', aanhangselnummer: '242501301' }).where(eq(documents.id, nader));
  await insertVersie(db, notice, { externeidentifier: 'ah-tk-20242025-1100', extensie: '.docx' });
  return { zaakId, questions, answer, nader, notice };
}

export async function insertVersie(db: Db, documentId: string, v: { versienummer?: number; externeidentifier?: string | null; extensie?: string; bijgewerkt?: Date }): Promise<string> {
  const id = randomUUID();
  await db.insert(documentVersies).values({
    id,
    bijgewerkt: v.bijgewerkt ?? new Date('2025-06-01T00:00:00Z'),
    documentId,
    status: 'Definitief',
    versienummer: v.versienummer ?? 1,
    extensie: v.extensie ?? '.pdf',
    externeidentifier: v.externeidentifier ?? null,
  });
  return id;
}

/** Serves the sample set's four publications. */
export function publishSample(sources: TextSources): void {
  for (const id of ['kv-tk-2025Z10001', 'ah-tk-20242025-1100', 'ah-tk-20242025-1244', 'ah-tk-20242025-1301']) sources.koop.set(id, koopFixture(id));
}

export interface TextsRun extends TextsRunResult {
  sleeps: number[];
  warnings: Record<string, unknown>[];
}

export async function textsOnce(db: Db, sources: Pick<TextSources, 'koopUrl' | 'feedUrl'>, now: Date, options: { concurrency?: number; batchSize?: number; maxDocuments?: number } = {}): Promise<TextsRun> {
  const sleeps: number[] = [];
  const warnings: Record<string, unknown>[] = [];
  const fetcher = new TextFetcher({
    allowedBases: [sources.koopUrl, tkResourceUrl(sources.feedUrl, '')],
    publicUrl: 'https://kamerwacht.example',
    concurrency: options.concurrency ?? 4,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    // The wall clock moves on by exactly the time slept.
    now: () => now.getTime() + sleeps.reduce((a, b) => a + b, 0),
  });
  try {
    const result = await runTexts(db, {
      fetcher,
      sources: { koopUrl: sources.koopUrl, feedUrl: sources.feedUrl },
      now,
      batchSize: options.batchSize,
      maxDocuments: options.maxDocuments,
      log: { info: () => {}, warn: (obj: object) => void warnings.push(obj as Record<string, unknown>) } as never,
    });
    return { ...result, sleeps, warnings };
  } finally {
    await fetcher.close();
  }
}

export async function textRow(db: Db, documentId: string) {
  const [row] = await db.select().from(documentTexts).where(eq(documentTexts.documentId, documentId));
  return row;
}
