import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko } from './ko';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'cc1357.language';

/** Korean unless the user picked English before (kept in localStorage: a desk preference). */
export function initialLanguage(stored: string | null): Language {
  return stored === 'en' ? 'en' : 'ko';
}

export async function setupI18n(storage: Pick<Storage, 'getItem'> | null): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: initialLanguage(storage?.getItem(LANGUAGE_KEY) ?? null),
    fallbackLng: 'ko',
    resources: { ko: { translation: ko }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return instance;
}

export function rememberLanguage(storage: Pick<Storage, 'setItem'>, language: Language): void {
  storage.setItem(LANGUAGE_KEY, language);
}
