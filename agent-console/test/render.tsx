import type { i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll } from 'vitest';
import { setupI18n } from '../src/i18n';

export interface ConsoleI18n {
  /** The console's i18n instance (Korean until a test switches it); there once the file's beforeAll has run. */
  readonly i18n: I18n;
  /** Static HTML of an element rendered inside that instance, the way the console mounts it. */
  html(element: ReactElement): string;
}

/**
 * The console's real i18n for one test file: set up in a beforeAll (setupI18n is async), so call it at the top
 * of the file or a describe block and use what it returns inside the tests.
 */
export function consoleI18n(): ConsoleI18n {
  let ready: I18n | null = null;
  beforeAll(async () => {
    ready = await setupI18n(null);
  });
  const instance = (): I18n => {
    if (!ready) throw new Error('consoleI18n() is set up in beforeAll: use it inside tests, not while collecting them');
    return ready;
  };
  return {
    get i18n() {
      return instance();
    },
    html: (element) => renderToStaticMarkup(<I18nextProvider i18n={instance()}>{element}</I18nextProvider>),
  };
}
