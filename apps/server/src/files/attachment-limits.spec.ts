import objectSchema from '@tessera/schemas/object.schema.json';
import type { AttachmentField } from '@tessera/metadata';
import { attachmentLimits, DEFAULT_MAX_FILES, DEFAULT_MAX_SIZE_MB, requestByteLimit } from './attachment-limits';

const field = (extra: Partial<AttachmentField> = {}): AttachmentField => ({ key: 'docs', type: 'attachment', label: { 'zh-CN': '资料', en: 'Docs' }, ...extra });

describe('attachmentLimits', () => {
  it('uses the defaults the object schema declares', () => {
    const props = (objectSchema.$defs.attachmentField.allOf[1] as { properties: Record<string, { default?: unknown }> }).properties;
    expect(DEFAULT_MAX_FILES).toBe(props.maxFiles.default);
    expect(DEFAULT_MAX_SIZE_MB).toBe(props.maxSizeMb.default);
    expect(attachmentLimits(field())).toMatchObject({ maxFiles: DEFAULT_MAX_FILES, maxFileBytes: DEFAULT_MAX_SIZE_MB * 1024 * 1024, accept: undefined, categories: [] });
  });

  it('reads the field: MiB to bytes, category keys, an empty accept list means any type', () => {
    const limits = attachmentLimits(field({ maxFiles: 2, maxSizeMb: 0.5, accept: [], categories: [{ key: 'minutes', label: { 'zh-CN': '纪要', en: 'Minutes' } }] }));
    expect(limits).toMatchObject({ maxFiles: 2, maxFileBytes: 524288, accept: undefined, categories: ['minutes'] });
  });

  it('lets a request carry the files that still fit, and never less than one file', () => {
    const limits = attachmentLimits(field({ maxFiles: 3, maxSizeMb: 1 }));
    expect(requestByteLimit(limits, 2)).toBeGreaterThan(2 * 1024 * 1024);
    expect(requestByteLimit(limits, 2)).toBeLessThan(3 * 1024 * 1024);
    expect(requestByteLimit(limits, 0)).toBe(requestByteLimit(limits, 1));
  });
});
