import { App as AntApp, ConfigProvider, Empty, Layout, Segmented, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from './i18n/i18n';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from './i18n/languages';

const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } satisfies Record<Language, unknown>;

/** The frame every screen lives in: header with product name and language, then content. */
export function App() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;

  return (
    <ConfigProvider locale={ANTD_LOCALES[language]}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
            <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
              Tessera
            </Typography.Title>
            <Segmented<Language>
              aria-label={t('shell.language')}
              value={language}
              options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
              onChange={changeLanguage}
            />
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <Typography.Title level={3}>{t('shell.workspace')}</Typography.Title>
            <Empty description={t('shell.workspaceComing')} />
          </Layout.Content>
          <Layout.Footer style={{ textAlign: 'center' }}>{t('shell.footer')}</Layout.Footer>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
