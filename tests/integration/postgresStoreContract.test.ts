import { createLogger } from '../../server/logger.ts'
import { openPostgresStorage } from '../../server/storage/postgres/openPostgresStorage.ts'
import { describeStoreContract } from '../contract/storeContract.ts'
import { describeWithPostgres, makeTestSchema } from '../support/postgres.ts'

const logger = createLogger('silent')
const urls = new WeakMap<object, string>()

describeWithPostgres('PostgreSQL storage', () => {
  describeStoreContract('PostgreSQL', {
    open: async () => {
      const { url } = await makeTestSchema()
      const storage = await openPostgresStorage(url, logger)
      urls.set(storage, url)
      return storage
    },
    reopen: async (storage) => {
      const url = urls.get(storage)
      if (!url) throw new Error('storage was not opened by this backend')
      await storage.close()
      const reopened = await openPostgresStorage(url, logger)
      urls.set(reopened, url)
      return reopened
    },
  })
})
