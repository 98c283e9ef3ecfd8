// `pnpm --filter @keepcard/server admin <command> [args]`: server administration on the database the
// server uses (DATABASE_URL, or PGlite in KEEPCARD_DATA_DIR). With PGlite, stop the server first:
// an embedded database has one user at a time.
import { readConfig } from '../config';
import { silentLogger } from '../logger';
import { openStorage } from '../storage/open-storage';
import {
  AdminError,
  createOwner,
  deleteAccount,
  exportTeam,
  listDevices,
  listUsers,
  purgeTombstones,
  revokeDevice,
} from './commands';

const USAGE = `Usage: pnpm --filter @keepcard/server admin <command>

  create-owner <email> <team name>   first account and its team; password from KEEPCARD_ADMIN_PASSWORD or stdin
  list-users
  list-devices [email]
  revoke-device <device id>
  export-team <team id>              JSON on stdout
  delete-account <email> --yes       the account, its devices and private records
  purge-tombstones                   drop deletions older than the retention window`;

async function readPassword(): Promise<string> {
  if (process.env.KEEPCARD_ADMIN_PASSWORD) return process.env.KEEPCARD_ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters): ');
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return input.split('\n')[0]!.trim();
}

const [command, ...args] = process.argv.slice(2);
const need = (n: number) => {
  if (args.length < n) throw new AdminError(USAGE);
};

const storage = await openStorage(process.env, silentLogger);
try {
  await storage.migrate();
  let result: unknown;
  switch (command) {
    case 'create-owner':
      need(2);
      result = await createOwner(storage, args[0]!, await readPassword(), args.slice(1).join(' '));
      break;
    case 'list-users':
      result = await listUsers(storage);
      break;
    case 'list-devices':
      result = await listDevices(storage, args[0]);
      break;
    case 'revoke-device':
      need(1);
      result = await revokeDevice(storage, args[0]!);
      break;
    case 'export-team':
      need(1);
      result = await exportTeam(storage, args[0]!);
      break;
    case 'delete-account':
      need(1);
      if (!args.includes('--yes'))
        throw new AdminError(`This deletes ${args[0]} for good; add --yes to confirm`);
      result = await deleteAccount(storage, args[0]!);
      break;
    case 'purge-tombstones':
      result = {
        purged: await purgeTombstones(storage, readConfig(process.env).tombstoneRetentionMs, Date.now()),
      };
      break;
    default:
      throw new AdminError(USAGE);
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} catch (error) {
  process.stderr.write(
    `${error instanceof AdminError ? error.message : String(error instanceof Error ? error.stack : error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await storage.close();
}
