import type { Provider } from '@nestjs/common';
import path from 'node:path';
import { AppConfigService } from '../../config/app-config.service';
import { LocalFolderDriver } from './local-folder.driver';
import { STORAGE_DRIVER, type StorageDriver } from './storage-driver';

/** The folder of the local driver, under DATA_DIR next to the embedded database. */
export const filesFolder = (dataDir: string) => path.join(dataDir, 'files');

/**
 * Chooses the storage driver. Only the local folder exists today; an S3-compatible
 * driver would be chosen here from its settings (bucket, endpoint) when they are set.
 */
export const storageDriverProvider: Provider = {
  provide: STORAGE_DRIVER,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService): StorageDriver => new LocalFolderDriver(filesFolder(config.get('DATA_DIR'))),
};
