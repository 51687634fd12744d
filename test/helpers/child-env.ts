// The environment for a child process a test starts (the server, a job CLI). Children run the
// TypeScript through tsx, whose source maps differ from tap's loader; letting them write V8
// coverage into tap's report would merge two maps of the same file and garble the figures.
export function childEnv(extra: Record<string, string> = {}, omit: string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'NODE_V8_COVERAGE' && !omit.includes(k)) env[k] = v;
  }
  return { ...env, ...extra };
}
