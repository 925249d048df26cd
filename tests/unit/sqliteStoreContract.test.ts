import { createLogger } from '../../server/logger.ts'
import { openSqliteStorage } from '../../server/storage/Storage.ts'
import { describeStoreContract } from '../contract/storeContract.ts'
import { makeTempDir } from '../support/tempDirs.ts'

const logger = createLogger('silent')
const dirs = new WeakMap<object, string>()

describeStoreContract('SQLite', {
  open: async () => {
    const dir = makeTempDir('contract')
    const storage = openSqliteStorage(dir, logger)
    dirs.set(storage, dir)
    return storage
  },
  reopen: async (storage) => {
    const dir = dirs.get(storage)
    if (!dir) throw new Error('storage was not opened by this backend')
    await storage.close()
    const reopened = openSqliteStorage(dir, logger)
    dirs.set(reopened, dir)
    return reopened
  },
})
