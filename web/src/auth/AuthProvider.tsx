import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { AuthAnswer, Meta, User } from '../api/types';

export const META_KEY = ['meta'] as const;

/** Why the person is signed out: they chose to, or their session ended under them. */
export type SignOutReason = 'explicit' | 'expired' | null;

export interface AuthContextValue {
  /** The signed-in person, or null. */
  user: User | null;
  meta: Meta | undefined;
  /** False until the start-up refresh and meta request have settled. */
  ready: boolean;
  /** Set when the server could not be reached at start-up. */
  startupError: unknown;
  signOutReason: SignOutReason;
  /** Stores the answer of login/register; the user shows up in `user`. */
  signIn(answer: AuthAnswer): void;
  /** Replaces the user after a profile change. */
  setUser(user: User): void;
  signOut(): Promise<void>;
  retryStartup(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth needs <AuthProvider>');
  return ctx;
}

/** The signed-in user, for screens behind <RequireAuth>. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser outside a signed-in route');
  return user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUserState] = useState<User | null>(null);
  const userRef = useRef<User | null>(null);
  const [sessionChecked, setSessionChecked] = useState(false);
  const [signOutReason, setSignOutReason] = useState<SignOutReason>(null);
  const [attempt, setAttempt] = useState(0);

  const metaQuery = useQuery({
    queryKey: META_KEY,
    queryFn: ({ signal }) => api.request<Meta>('/meta', { auth: false, signal }),
    staleTime: 5 * 60_000,
  });

  // Listeners first: effects run in order, so they exist before the refresh below settles.
  useEffect(() => {
    const offSession = api.onSession((answer) => {
      userRef.current = answer.user;
      setUserState(answer.user);
      setSignOutReason(null);
    });
    const offSignOut = api.onSignOut(() => {
      // Only a session that existed can expire; a failed start-up refresh is no news.
      if (userRef.current) setSignOutReason((reason) => reason ?? 'expired');
      userRef.current = null;
      setUserState(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== META_KEY[0] });
    });
    return () => {
      offSession();
      offSignOut();
    };
  }, [queryClient]);

  // A reload keeps the person signed in: trade the refresh cookie for an access token.
  useEffect(() => {
    let live = true;
    if (!api.mayHaveSession()) {
      setSessionChecked(true);
      return;
    }
    api
      .refresh()
      .catch(() => {
        // No or stale refresh cookie: simply not signed in.
      })
      .finally(() => {
        if (live) setSessionChecked(true);
      });
    return () => {
      live = false;
    };
  }, [attempt]);

  const refetchMeta = metaQuery.refetch;
  const signIn = useCallback((answer: AuthAnswer) => api.setSession(answer), []);
  const setUser = useCallback(
    (next: User) => {
      userRef.current = next;
      setUserState(next);
      queryClient.setQueryData(['me'], next);
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    setSignOutReason('explicit');
    await api.logout();
  }, []);
  const retryStartup = useCallback(() => {
    setSessionChecked(false);
    setAttempt((n) => n + 1);
    void refetchMeta();
  }, [refetchMeta]);

  const metaError = metaQuery.error;
  const value = useMemo<AuthContextValue>(
    () => ({
      user,
      meta: metaQuery.data,
      ready: sessionChecked && !metaQuery.isPending,
      startupError: metaQuery.data ? null : metaError,
      signOutReason,
      signIn,
      setUser,
      signOut,
      retryStartup,
    }),
    [user, metaQuery.data, metaQuery.isPending, metaError, sessionChecked, signOutReason, signIn, setUser, signOut, retryStartup],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
