import { CameraOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { AttachmentField } from '@tessera/metadata';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Grid, List, Progress, Select, Space, Tag, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { problemLines } from '../api/problem';
import { useLabel } from '../i18n/label';
import { readSession } from '../auth/session';
import { uploadFile } from './upload';

interface FileView {
  id: string;
  field: string;
  category: string | null;
  fileName: string;
  size: number;
}

export interface UploadFocus {
  field: string;
  category?: string;
  /** Changes each time the user asks again, so the panel scrolls back. */
  at: number;
}

/** Whether the field takes pictures: no accept list, or one naming an image type or extension. */
export function acceptsImages(field: AttachmentField): boolean {
  return !field.accept?.length || field.accept.some((a) => a.startsWith('image/') || /^\.(jpe?g|png|heic|heif|webp)$/i.test(a));
}

/**
 * An attachment field of a record: its files and an upload with category and progress.
 * On a phone (or where the form asks for the photo widget) a field that takes images
 * also offers the camera (`capture="environment"`).
 */
export function AttachmentsPanel({ object, recordId, field, canUpload, focus, photo }: { object: string; recordId: string; field: AttachmentField; canUpload: boolean; focus?: UploadFocus; photo?: boolean }) {
  const { t } = useTranslation();
  const { label } = useLabel();
  const { message } = App.useApp();
  const client = useQueryClient();
  const categories = field.categories ?? [];
  const [category, setCategory] = useState<string | undefined>(categories[0]?.key);
  const [progress, setProgress] = useState<number | null>(null);
  const screens = Grid.useBreakpoint();
  const camera = useRef<HTMLInputElement>(null);
  const offersCamera = acceptsImages(field) && (photo || screens.md === false);
  const files = useQuery({ queryKey: ['files', object, recordId, field.key], queryFn: () => api<{ items: FileView[] }>(`/api/objects/${object}/records/${recordId}/files?field=${field.key}`) });

  useEffect(() => {
    if (focus?.field !== field.key) return;
    if (focus.category) setCategory(focus.category);
    document.getElementById(`attachments-${field.key}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, [focus, field.key]);

  const upload = async (file: File) => {
    setProgress(0);
    try {
      await uploadFile(object, recordId, field.key, file, category, setProgress);
      message.success(t('files.uploaded', { name: file.name }));
      await client.invalidateQueries({ queryKey: ['files', object, recordId] });
      await client.invalidateQueries({ queryKey: ['pipeline', object, recordId] });
    } catch (error) {
      message.error(problemLines(error).join('; '));
    } finally {
      setProgress(null);
    }
  };

  const categoryLabel = (key: string | null) => label(categories.find((c) => c.key === key)?.label) || key || '';
  return (
    <Card id={`attachments-${field.key}`} size="small" title={<><PaperClipOutlined /> {label(field.label)}</>} style={focus?.field === field.key ? { borderColor: '#1677ff' } : undefined}>
      <List
        size="small"
        locale={{ emptyText: t('files.none') }}
        dataSource={files.data?.items ?? []}
        renderItem={(f) => (
          <List.Item>
            <a href="#" onClick={(e) => { e.preventDefault(); void download(f); }}>{f.fileName}</a>
            {f.category && <Tag>{categoryLabel(f.category)}</Tag>}
          </List.Item>
        )}
      />
      {canUpload && (
        <Space wrap style={{ marginTop: 8 }}>
          {categories.length > 0 && (
            <Select aria-label={t('files.category')} style={{ minWidth: 160 }} value={category} onChange={setCategory} options={categories.map((c) => ({ value: c.key, label: label(c.label) }))} />
          )}
          <Upload showUploadList={false} accept={field.accept?.join(',')} beforeUpload={(file) => (void upload(file), false)} disabled={progress !== null}>
            <Button icon={<UploadOutlined />} data-testid={`upload-${field.key}`}>{t('files.upload')}</Button>
          </Upload>
          {offersCamera && (
            <>
              <input
                ref={camera}
                type="file"
                accept="image/*"
                capture="environment"
                hidden
                data-testid={`photo-input-${field.key}`}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void upload(file);
                }}
              />
              <Button icon={<CameraOutlined />} disabled={progress !== null} data-testid={`photo-${field.key}`} onClick={() => camera.current?.click()}>
                {t('recordPage.takePhoto')}
              </Button>
            </>
          )}
          {progress !== null && <Progress percent={progress} size="small" style={{ width: 120 }} />}
        </Space>
      )}
    </Card>
  );
}

/** Downloads with the session's token (a plain link would carry none). */
async function download(file: FileView): Promise<void> {
  const res = await fetch(`/api/files/${file.id}/content`, { headers: { Authorization: `Bearer ${readSession()?.accessToken ?? ''}` } });
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
  a.click();
  URL.revokeObjectURL(url);
}
