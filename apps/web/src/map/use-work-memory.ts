import { useEffect } from 'react';
import { useServerData, type ServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { landingMode, layerChoicesKey, readLayerChoices, writeLayerChoices } from '../state/work-memory.ts';
import { openingView } from './use-url-view.ts';

/**
 * What the page remembers of a user's way of working: their layer choices (per user in local
 * storage, visitors apart), restored when the server says who is signed in and at each sign-in or
 * sign-out, the URL's own layers winning when the page opens; and the mode a user lands in after
 * signing in (their work mode, unless the URL named one when the page opened). Runs after
 * `MapView` has read the URL. For `App` only.
 */
export function useWorkMemory(): void {
  useEffect(() => {
    /** The mode the opening URL named: it decides the first landing only. */
    let urlMode = openingView().mode;
    /** Whose layer choices are shown (their storage key), once the server has said. */
    let shownFor: string | null = null;

    const follow = (server: ServerData) => {
      if (server.status !== 'ready') return;
      const key = layerChoicesKey(server.user);
      if (key === shownFor) return;
      const first = shownFor === null;
      shownFor = key;
      const stored = readLayerChoices(localStorage, server.user);
      useSession.setState({ layerChoices: first ? { ...stored, ...openingView().layers } : stored });
      if (server.user) {
        useSession.getState().setMode(landingMode(urlMode, server.user));
        urlMode = undefined;
      }
    };

    const unsubscribe = [
      useServerData.subscribe(follow),
      useSession.subscribe((s, before) => {
        if (shownFor === null || s.layerChoices === before.layerChoices) return;
        writeLayerChoices(localStorage, useServerData.getState().user, s.layerChoices);
      }),
    ];
    follow(useServerData.getState());
    return () => {
      for (const stop of unsubscribe) stop();
    };
  }, []);
}
