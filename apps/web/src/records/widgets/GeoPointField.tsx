import { EnvironmentOutlined } from '@ant-design/icons';
import type { FieldProps } from '@rjsf/utils';
import { Alert, Button, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface GeoPoint {
  lat: number;
  lng: number;
  accuracy?: number;
}

/** A geo point filled from the browser's geolocation ("check in here"). */
export function GeoPointField({ formData, onChange, fieldPathId, schema, disabled, readonly, rawErrors }: FieldProps<GeoPoint | undefined>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkIn = () => {
    setBusy(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setBusy(false);
        const { latitude, longitude, accuracy } = position.coords;
        onChange({ lat: latitude, lng: longitude, ...(Number.isFinite(accuracy) && { accuracy: Math.round(accuracy) }) }, fieldPathId.path);
      },
      (e) => {
        setBusy(false);
        setError(e.message || t('form.geoFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return (
    <Form.Item label={schema.title} validateStatus={rawErrors?.length ? 'error' : undefined} help={rawErrors?.join('; ')}>
      <Space wrap>
        <Typography.Text data-testid={`geo-${fieldPathId.$id}`}>{formData ? `${formData.lat.toFixed(5)}, ${formData.lng.toFixed(5)}` : t('form.noLocation')}</Typography.Text>
        {!disabled && !readonly && (
          <Button icon={<EnvironmentOutlined />} loading={busy} onClick={checkIn}>
            {t('form.checkInHere')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" title={error} style={{ marginTop: 8 }} />}
    </Form.Item>
  );
}
