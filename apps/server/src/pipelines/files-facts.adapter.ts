import type { FilesService } from '../files/files.service';
import type { GateFactsProvider } from './gate-facts.providers';

/** Attachment counts by field and category, from the files module, as the gate's `attachments` fact. */
export function filesFactsProvider(files: FilesService): GateFactsProvider {
  return {
    name: 'files.attachments',
    kind: 'attachments',
    collect: ({ object, recordId }) => files.countByCategory(object, recordId),
  };
}
