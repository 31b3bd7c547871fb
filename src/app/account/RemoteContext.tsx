/**
 * The page's side of the Studio account: one remote store (src/store/remote.ts) per editor, its client talking to the
 * `studio-flow serve` proxy on the page's own origin (`/api/studio`), which adds the credentials: the page never
 * holds one. Served any other way (vite preview, a static host), `/api/connection` does not answer as `serve` does
 * and the editor works offline as before.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { StudioClient } from '../../studio/client';
import {
  createRemoteStore,
  type ConnectionInfo,
  type RemoteState,
  type RemoteStore,
} from '../../store/remote';
import { problemsPending, type EditorStore } from '../../store/editorStore';
import { useEditorApi } from '../../store/react';

/** Where `serve` answers what it holds; anything but its JSON means "not served by `serve`". */
export const CONNECTION_URL = '/api/connection';
export const PROXY_BASE = '/api/studio';
/**
 * `studio-flow serve` marks the index.html it serves with this meta element: served any other way, the page asks
 * nothing of the network (no request that could only fail).
 */
export const SERVER_META = 'studio-flow-server';

async function getConnection(): Promise<ConnectionInfo | null> {
  if (document.querySelector(`meta[name="${SERVER_META}"]`) === null) return null;
  const response = await fetch(CONNECTION_URL, { headers: { Accept: 'application/json' } });
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) return null;
  const body: unknown = await response.json();
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as { connected?: unknown }).connected !== 'boolean'
  )
    return null;
  return body as ConnectionInfo;
}

/** The page's client of Studio: through the `serve` proxy, which adds the credentials. */
export function pageClient(): StudioClient {
  return new StudioClient({
    baseUrl: PROXY_BASE,
    fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
    unreachable: () =>
      navigator.onLine
        ? 'The editor’s server did not answer: is `studio-flow serve` still running?'
        : 'This computer is offline: the editor’s server cannot be reached.',
  });
}

function makeStore(editor: EditorStore, client: StudioClient): RemoteStore {
  return createRemoteStore({
    client,
    editor,
    getConnection,
    offlineProblems: (definition) => {
      const state = editor.getState();
      return state.definition === definition && !problemsPending(state.problems) ? state.problems : null;
    },
  });
}

const RemoteContext = createContext<{ remote: RemoteStore; client: StudioClient } | null>(null);

/** Gives its subtree the remote store (and its client), and asks the server once what it holds. */
export function RemoteProvider({ children }: { children: ReactNode }) {
  const editor = useEditorApi();
  const [value] = useState(() => {
    const client = pageClient();
    return { remote: makeStore(editor, client), client };
  });
  useEffect(() => {
    void value.remote.getState().checkConnection();
  }, [value]);
  return <RemoteContext value={value}>{children}</RemoteContext>;
}

function useRemoteContext() {
  const value = useContext(RemoteContext);
  if (!value) throw new Error('useRemote must be used inside <RemoteProvider>.');
  return value;
}

export function useRemoteApi(): RemoteStore {
  return useRemoteContext().remote;
}

/** The page's client of Studio, for what else talks to the account (executions): null while not connected. */
export function useStudioClient(): () => StudioClient | null {
  const { remote, client } = useRemoteContext();
  return useCallback(
    () => (remote.getState().connection.status === 'connected' ? client : null),
    [remote, client],
  );
}

/** Subscribes to a slice of the remote state (selectors must return stable values). */
export function useRemote<T>(selector: (state: RemoteState) => T): T {
  return useStore(useRemoteApi(), selector);
}
