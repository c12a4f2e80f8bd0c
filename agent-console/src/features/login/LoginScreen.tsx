import { LoginRequest } from '@cc1357/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient, type Session } from '../../api';

/** Username and password; a refused login shows the server's own message. */
export function LoginScreen({
  api,
  notice,
  onLoggedIn,
}: {
  api: ApiClient;
  notice: string | null;
  onLoggedIn: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const parsed = LoginRequest.safeParse({ username, password });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api.login(parsed.data));
    } catch (err) {
      setError(asApiError(err).message);
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <form className="panel login-form" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <p className="brand-mark" aria-hidden="true">
          1357
        </p>
        <h1 id="login-title">{t('login.title')}</h1>
        {notice && !error ? (
          <p className="alert alert-warn" role="status" data-testid="login-notice">
            {notice}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error ? (
          <p className="alert alert-error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
