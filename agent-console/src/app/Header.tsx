import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Session } from '../api';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n';
import { useConnectionStatus } from '../realtime';
import type { View } from './landing';

export function Header({
  session,
  views,
  view,
  onView,
  onLogout,
}: {
  session: Session;
  views: View[];
  view: View;
  onView: (v: View) => void;
  onLogout: () => void;
}) {
  const { t, i18n } = useTranslation();
  const status = useConnectionStatus();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          1357
        </span>
        <span>
          <strong>{t('app.title')}</strong> <span className="muted brand-subtitle">{t('app.subtitle')}</span>
        </span>
      </div>
      {views.length > 1 ? (
        <nav aria-label={t('app.subtitle')} className="view-tabs">
          {views.map((v) => (
            <button
              key={v}
              type="button"
              className={`tab ${v === view ? 'tab-active' : ''}`}
              aria-current={v === view ? 'page' : undefined}
              onClick={() => onView(v)}
            >
              {t(`app.views.${v}`)}
            </button>
          ))}
        </nav>
      ) : null}
      <div className="header-tools">
        <span
          className={`conn conn-${status.state}`}
          role="status"
          data-testid="connection"
          data-state={status.state}
          title={status.error ?? undefined}
        >
          {t(`connection.${status.state}`)}
        </span>
        <span className="muted">
          {t('app.loggedInAs', { name: session.user.displayName, role: t(`roles.${session.user.role}`) })}
        </span>
        <LanguageSwitch i18n={i18n} label={t('app.language')} />
        <button type="button" className="btn btn-link" onClick={onLogout}>
          {t('app.logout')}
        </button>
      </div>
    </header>
  );
}

export function LanguageSwitch({ i18n, label }: { i18n: I18n; label: string }) {
  return (
    <label className="inline-field">
      <span className="sr-only">{label}</span>
      <select
        value={i18n.language}
        onChange={(e) => {
          const lang = e.target.value as Language;
          rememberLanguage(window.localStorage, lang);
          document.documentElement.lang = lang;
          void i18n.changeLanguage(lang);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {l === 'ko' ? '한국어' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
}
