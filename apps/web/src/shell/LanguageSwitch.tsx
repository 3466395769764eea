import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages';
import { useLabel } from '../i18n/label';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language } = useLabel();
  return (
    <Segmented<Language>
      aria-label={t('shell.language')}
      value={language}
      options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
      onChange={changeLanguage}
    />
  );
}
