import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApprovalInbox } from './approvals/ApprovalInbox';
import { DesignerRoutes } from './designer/DesignerRoutes';
import { LoginPage } from './auth/LoginPage';
import { onSessionChange, readSession } from './auth/session';
import { type Language } from './i18n/languages';
import { useLabel } from './i18n/label';
import { useMe, useWorkspace } from './metadata/metadata.queries';
import { KanbanBoard } from './pipelines/KanbanBoard';
import { RecordListPage } from './records/RecordListPage';
import { RecordPage } from './records/RecordPage';
import { Shell } from './shell/Shell';

// Charts load with the first dashboard opened: ECharts stays out of the first page load.
const DashboardPage = lazy(() => import('./dashboards/DashboardPage').then((m) => ({ default: m.DashboardPage })));

const ANTD_LOCALES = { 'zh-CN': zhCN, en: enUS } satisfies Record<Language, unknown>;

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** Signed out: the login page. Signed in: the shell around the workspace routes. */
export function App() {
  const { language } = useLabel();
  const [signedIn, setSignedIn] = useState(() => readSession() !== null);
  useEffect(
    () =>
      onSessionChange((session) => {
        setSignedIn(session !== null);
        if (!session) queryClient.clear();
      }),
    [],
  );

  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            {signedIn ? (
              <Shell>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/o/:object" element={<RecordListPage />} />
                  <Route path="/o/:object/:id" element={<RecordPage />} />
                  <Route path="/board/:object" element={<KanbanBoard />} />
                  <Route path="/approvals" element={<ApprovalInbox />} />
                  <Route path="/dashboards/:key" element={<Suspense><DashboardPage /></Suspense>} />
                  <Route path="/admin/*" element={<DesignerRoutes />} />
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Routes>
              </Shell>
            ) : (
              <LoginPage />
            )}
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The first object the user may read, else the approval inbox. */
function Home() {
  const me = useMe();
  const meta = useWorkspace();
  const first = [...(meta.data?.objects.keys() ?? [])].find((k) => me.data?.objects[k]?.actions.includes('read'));
  return <Navigate to={first ? `/o/${first}` : '/approvals'} replace />;
}
