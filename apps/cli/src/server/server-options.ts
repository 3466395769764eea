import { Command, Option } from 'commander';

/** Where the running server is and how to sign in to it. */
export interface ServerOptions {
  url: string;
  user: string;
  password?: string;
  token?: string;
}

/** The options every command that talks to a running server takes (flags win over the environment). */
export function withServerOptions(command: Command): Command {
  return command
    .addOption(new Option('--url <url>', 'base URL of the Tessera server').env('TESSERA_URL').default('http://localhost:3000'))
    .addOption(new Option('--user <username>', 'user to sign in as (needs the packImport / packExport capability)').env('TESSERA_USER').default('admin'))
    .addOption(new Option('--password <password>', 'password of --user').env('TESSERA_PASSWORD'))
    .addOption(new Option('--token <token>', 'an API key (tsk_...) or access token instead of --user/--password').env('TESSERA_TOKEN'));
}
