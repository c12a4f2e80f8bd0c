import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import type { ApiClient } from '../../api';
import { categoryOfQueue } from './draft';
import { ConsultationForm } from './ConsultationForm';

const { html } = consoleI18n();

/** A client whose every call stays pending: these renders never reach crm-api. */
const api = new Proxy({}, { get: () => () => new Promise(() => undefined) }) as ApiClient;

const storage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

describe('the consultation category from the queue (item 7)', () => {
  it.each([
    ['fund', 'finance'],
    ['startup', 'startup'],
    ['merchant', 'domestic'],
    ['rnd', 'tech'],
    ['export', 'export'],
    ['hr', 'workforce'],
    ['general', ''],
  ] as const)('%s → %s', (queue, category) => {
    expect(categoryOfQueue(queue)).toBe(category);
  });

  it('a new form starts on it', () => {
    const out = html(
      <ConsultationForm
        api={api}
        link={{ callId: 'call-1', companyId: null, callerNumber: null }}
        userId="7"
        registerSubmit={() => undefined}
        storage={storage}
        initialCategory="export"
      />,
    );
    expect(out).toMatch(/<option value="export" selected="">/);
  });
});
