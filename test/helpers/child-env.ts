// The environment for a child process a test starts (the server, a job CLI). Children run the
// TypeScript through tsx, or the compiled build, whose source maps differ from tap's loader;
// letting them write V8 coverage into tap's report would merge two maps of the same file and
// garble the figures (the compiled job CLI's took the total from 98 % to 69 % of lines). Tap's
// process tracker still loads in them (NODE_OPTIONS) and writes their coverage unless told not
// to: _TAPJS_PROCESSINFO_COVERAGE_=0 (node_modules/@tapjs/processinfo, register-coverage).
export function childEnv(extra: Record<string, string> = {}, omit: string[] = []): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'NODE_V8_COVERAGE' && !omit.includes(k)) env[k] = v;
  }
  return { ...env, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extra };
}
