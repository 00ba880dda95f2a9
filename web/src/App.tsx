import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { GuestOnly, RequireAdmin, RequireAuth, SetupGate } from './auth/guards';
import { PageSpinner } from './ui';

/** Opt in to React Router 7 behaviour now (and silence its warnings). */
export const ROUTER_FUTURE = { v7_startTransition: true, v7_relativeSplatPath: true } as const;

// Every screen is its own chunk: the sign-in page loads only what it needs.
const Setup = lazy(() => import('./pages/auth/Setup'));
const SignIn = lazy(() => import('./pages/auth/SignIn'));
const Register = lazy(() => import('./pages/auth/Register'));
const ForgotPassword = lazy(() => import('./pages/auth/ForgotPassword'));
const ResetPassword = lazy(() => import('./pages/auth/ResetPassword'));
const VerifyEmail = lazy(() => import('./pages/auth/VerifyEmail'));
const AcceptInvitation = lazy(() => import('./pages/workspaces/AcceptInvitation'));
const AppShell = lazy(() => import('./shell/AppShell'));
const Home = lazy(() => import('./pages/Home'));
const Profile = lazy(() => import('./pages/Profile'));
const Security = lazy(() => import('./pages/security/SecurityPage'));
const Admin = lazy(() => import('./pages/admin/AdminPage'));
const AdminUsers = lazy(() => import('./pages/admin/UsersPanel'));
const AdminSettings = lazy(() => import('./pages/admin/SettingsPanel'));
const AdminAudit = lazy(() => import('./pages/admin/AuditLogPanel'));
const NewWorkspace = lazy(() => import('./pages/workspaces/NewWorkspace'));
const WorkspaceLayout = lazy(() => import('./pages/workspaces/WorkspaceLayout'));
const WorkspaceIndex = lazy(() => import('./pages/workspaces/WorkspaceLayout').then((m) => ({ default: m.WorkspaceIndex })));
const WorkspaceActivity = lazy(() => import('./pages/workspaces/ActivityPage'));
const WorkspaceMembers = lazy(() => import('./pages/workspaces/MembersPage'));
const WorkspaceTeams = lazy(() => import('./pages/workspaces/TeamsPage'));
const WorkspaceSettings = lazy(() => import('./pages/workspaces/SettingsPage'));
const Projects = lazy(() => import('./pages/projects/ProjectsPage'));
const ProjectSettings = lazy(() => import('./pages/projects/ProjectSettingsPage'));
const ProjectList = lazy(() => import('./pages/list/ListPage'));
const MyTasks = lazy(() => import('./pages/mytasks/MyTasksPage'));
const ProjectBoard = lazy(() => import('./pages/board/BoardPage'));
const NotFound = lazy(() => import('./pages/NotFound'));

export function App() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route element={<SetupGate />}>
          <Route path="/setup" element={<Setup />} />
          <Route element={<GuestOnly />}>
            <Route path="/sign-in" element={<SignIn />} />
            <Route path="/register" element={<Register />} />
            <Route path="/forgot-password" element={<ForgotPassword />} />
          </Route>
          <Route path="/reset-password" element={<ResetPassword />} />
          <Route path="/verify-email" element={<VerifyEmail />} />
          <Route path="/invite/:token" element={<AcceptInvitation />} />
          <Route
            element={
              <RequireAuth>
                <AppShell />
              </RequireAuth>
            }
          >
            <Route index element={<Home />} />
            <Route path="profile" element={<Profile />} />
            <Route path="security" element={<Security />} />
            <Route path="workspaces/new" element={<NewWorkspace />} />
            <Route path="my-tasks" element={<MyTasks />} />
            <Route path="w/:ws" element={<WorkspaceLayout />}>
              <Route index element={<WorkspaceIndex />} />
              <Route path="activity" element={<WorkspaceActivity />} />
              <Route path="members" element={<WorkspaceMembers />} />
              <Route path="teams" element={<WorkspaceTeams />} />
              <Route path="settings" element={<WorkspaceSettings />} />
              <Route path="projects" element={<Projects />} />
              <Route path="p/:projectId" element={<ProjectBoard />} />
              <Route path="p/:projectId/list" element={<ProjectList />} />
              <Route path="p/:projectId/settings" element={<ProjectSettings />} />
            </Route>
            <Route path="admin" element={<RequireAdmin />}>
              <Route element={<Admin />}>
                <Route index element={<Navigate to="users" replace />} />
                <Route path="users" element={<AdminUsers />} />
                <Route path="settings" element={<AdminSettings />} />
                <Route path="audit-log" element={<AdminAudit />} />
              </Route>
            </Route>
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
