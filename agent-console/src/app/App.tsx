import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearSession, createApiClient, loadSession, saveSession, type Session } from '../api';
import { CounselorView } from '../features/counselor/CounselorView';
import { LoginScreen } from '../features/login/LoginScreen';
import { SupervisorView } from '../features/supervisor/SupervisorView';
import { PolicyCalendarView } from '../features/calendar/PolicyCalendarView';
import { CallbacksScreen } from '../features/callbacks/CallbacksScreen';
import { ImportsView } from '../features/imports/ImportsView';
import { LoginLocksView } from '../features/login-locks/LoginLocksView';
import { RelaysView } from '../features/relays/RelaysView';
import { SearchView } from '../features/search/SearchView';
import { RealtimeProvider, useRealtimeEvent } from '../realtime';
import { ConnectionGuard } from './ConnectionGuard';
import { Header, LanguageSwitch } from './Header';
import { allowedViews, landingView, type View } from './landing';

// The recordings screen (and its waveform library) and the IVR flow editor (and its graph
// layout) load when first opened: counselors on the desk never download them, and the
// console's main bundle stays under its size limit.
const RecordingsView = lazy(() =>
  import('../features/recordings/RecordingsView').then((m) => ({ default: m.RecordingsView })),
);
const IvrFlowsView = lazy(() =>
  import('../features/ivr-flows/IvrFlowsView').then((m) => ({ default: m.IvrFlowsView })),
);
// The reports screen (charts, export writers) likewise: supervisors only, opened now and then.
const ReportsView = lazy(() => import('../features/reports/ReportsView').then((m) => ({ default: m.ReportsView })));
const AnalysisView = lazy(() => import('../features/analysis/AnalysisView').then((m) => ({ default: m.AnalysisView })));

/** Login, then the view the role lands on; a 401 from any call logs out. */
export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<Session | null>(() => loadSession(window.sessionStorage, Date.now()));
  const [view, setView] = useState<View | null>(() => (session ? landingView(session.user.role) : null));

  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const logout = (notice: string | null = null) => {
    clearSession(window.sessionStorage);
    setSession(null);
    setView(null);
    setLoginNotice(notice);
  };
  const expired = () => logout(t('app.sessionExpired'));
  const api = useMemo(
    () => createApiClient({ token: () => session?.token ?? null, onUnauthorized: expired }),
    // Rebuilt only when the token changes; logout only touches state setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `expired` is a new closure each render, and harmless stale
    [session?.token],
  );

  // The token dies at expiresAt: go back to the login screen then rather than on the next failure.
  useEffect(() => {
    if (!session) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    const id = setTimeout(expired, Math.min(Math.max(ms, 0), 2 ** 31 - 1));
    return () => clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above: `expired` only calls state setters
  }, [session]);

  if (!session) {
    return (
      <>
        <div className="login-lang">
          <LanguageSwitch i18n={i18n} label={t('app.language')} />
        </div>
        <LoginScreen
          api={api}
          notice={loginNotice}
          onLoggedIn={(s) => {
            saveSession(window.sessionStorage, s);
            setSession(s);
            setView(landingView(s.user.role));
            setLoginNotice(null);
          }}
        />
      </>
    );
  }

  const views = allowedViews(session.user.role, session.user.agentId !== null);
  return (
    <RealtimeProvider token={session.token}>
      <a className="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <Header
        session={session}
        views={views}
        view={view ?? views[0] ?? 'counselor'}
        onView={setView}
        onLogout={() => {
          // The server ends the session (token and socket dead everywhere); the screen does not wait for it.
          void api.logout().catch(() => undefined);
          logout();
        }}
      />
      <ConnectionGuard onUnauthorized={expired} />
      <main id="main" className="app-main" tabIndex={-1}>
        {/* The desk stays mounted behind the other views: a call, its pop and a half-written
            consultation survive a look at the search or the calendar. */}
        {views.includes('counselor') ? (
          <div hidden={view !== 'counselor'}>
            <CounselorView
              api={api}
              userId={session.user.id}
              shown={view === 'counselor'}
              onShowDesk={() => setView('counselor')}
            />
          </div>
        ) : null}
        {views.includes('counselor') ? <RingSwitch onRing={() => setView('counselor')} /> : null}
        {view === null || views.length === 0 ? (
          <p className="alert alert-error" role="alert">
            {t('app.forbidden')}
          </p>
        ) : view === 'supervisor' ? (
          <SupervisorView api={api} userId={session.user.id} />
        ) : view === 'ivr' ? (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <IvrFlowsView api={api} />
          </Suspense>
        ) : view === 'search' ? (
          <SearchView api={api} userId={session.user.id} />
        ) : view === 'calendar' ? (
          <PolicyCalendarView api={api} />
        ) : view === 'callbacks' ? (
          <CallbacksScreen
            api={api}
            me={{ username: session.user.username, role: session.user.role }}
            hasPhone={session.user.agentId !== null && views.includes('counselor')}
            onDialed={() => setView('counselor')}
          />
        ) : view === 'imports' ? (
          <ImportsView api={api} />
        ) : view === 'relays' ? (
          <RelaysView api={api} role={session.user.role} />
        ) : view === 'recordings' ? (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <RecordingsView api={api} role={session.user.role} />
          </Suspense>
        ) : view === 'reports' ? (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <ReportsView api={api} />
          </Suspense>
        ) : view === 'analysis' ? (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <AnalysisView api={api} />
          </Suspense>
        ) : view === 'login-locks' ? (
          <LoginLocksView api={api} />
        ) : null}
      </main>
    </RealtimeProvider>
  );
}

/** A ringing phone brings the desk to the front, whatever view the counselor was reading. */
function RingSwitch({ onRing }: { onRing: () => void }) {
  useRealtimeEvent('call.offered.v1', () => onRing());
  return null;
}
