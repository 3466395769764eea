import type { MetadataDocument } from '@tessera/metadata';
import { MetadataRuntime } from '../../src/metadata/metadata-runtime.service';
import { MetadataService } from '../../src/metadata/metadata.service';
import type { StoredDocument } from '../../src/metadata/metadata-version';
import type { TestApp } from '../support/test-app';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Objects the identity tests grant rights on; no tables behind them (access needs only the documents). */
export const TEST_OBJECTS: MetadataDocument[] = [
  {
    kind: 'object',
    key: 'deal',
    label: label('商机', 'Deal'),
    fields: [
      { key: 'title', type: 'text', label: label('名称', 'Title') },
      { key: 'amount', type: 'currency', label: label('金额', 'Amount') },
      { key: 'cost', type: 'currency', label: label('成本', 'Cost') },
      { key: 'discount', type: 'percent', label: label('折扣', 'Discount') },
    ],
  } as MetadataDocument,
  { kind: 'object', key: 'account', label: label('客户', 'Account'), fields: [{ key: 'name', type: 'text', label: label('名称', 'Name') }] } as MetadataDocument,
];

/** Stores documents as the next published version without DDL and makes this process serve it at once. */
export async function publishDocuments(app: TestApp, documents: MetadataDocument[]): Promise<number> {
  const version = await app.app.get(MetadataService).appendVersion({ documents: documents as unknown as StoredDocument[] });
  app.app.get(MetadataRuntime).adopt(version.version, documents);
  return version.version;
}
