import { envVariables, type AppConfig, type EnvVariable } from './env.variables';

/** Thrown before anything starts; its message lists every bad variable, one a line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Record<string, string | undefined>;

/** Reads and validates the server settings from `env` (process.env in production). */
export function loadConfig(env: Environment): AppConfig {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(envVariables) as Array<[string, EnvVariable<unknown>]>) {
    const given = env[name]?.trim();
    // An empty value counts as unset so `DATABASE_URL= npm start` means "embedded".
    const raw = given === undefined || given === '' ? variable.default : given;
    if (raw === undefined) {
      config[name] = undefined;
      continue;
    }
    const parsed = variable.parse(raw);
    if (parsed.ok) config[name] = parsed.value;
    else problems.push(`${name} must be ${parsed.expected}, got ${JSON.stringify(redact(raw, variable.redact))}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as AppConfig;
}

function redact(raw: string, how: EnvVariable<unknown>['redact']): string {
  if (how === 'all') return `<${raw.length} characters>`;
  if (how === 'url-password') return raw.replace(/^([^:/]+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
  return raw;
}
