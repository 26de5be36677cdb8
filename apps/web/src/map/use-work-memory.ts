import { useEffect } from 'react';
import type { CollectionId } from '@mpm/domain';
import { useServerData, type ServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { landingMode, layerChoicesKey, readLayerChoices, writeLayerChoices } from '../state/work-memory.ts';
import { openingView } from './use-url-view.ts';

/**
 * What the page remembers of a user's way of working: their layer choices (per user in local
 * storage, visitors apart), restored when the server says who is signed in and at each sign-in or
 * sign-out, the URL's own layers winning when the page opens and at the first sign-in; and the mode a user lands in after
 * signing in (their work mode, unless the URL named one when the page opened). Runs after
 * `MapView` has read the URL. For `App` only.
 */
export function useWorkMemory(): void {
  useEffect(() => {
    /** The mode the opening URL named: it decides the first landing only. */
    let urlMode = openingView().mode;
    /** Whose layer choices are shown (their storage key), once the server has said. */
    let shownFor: string | null = null;
    /**
     * The layers the opening URL named: they win over the stored choices when the page opens and
     * still at the sign-in that follows (a shared link, then signing in to work on it).
     */
    let urlLayers: Partial<Record<CollectionId, boolean>> | undefined = openingView().layers;

    /** Who has landed in their work mode since signing in. */
    let landedFor: number | null = null;

    const follow = (server: ServerData) => {
      if (server.status !== 'ready') return;
      // A user who must first change their password lands once they have (nothing else is open to them).
      if (!server.user) landedFor = null;
      else if (!server.user.mustChangePassword && landedFor !== server.user.id) {
        landedFor = server.user.id;
        useSession.getState().setMode(landingMode(urlMode, server.user));
        urlMode = undefined;
      }
      const key = layerChoicesKey(server.user);
      if (key === shownFor) return;
      shownFor = key;
      useSession.setState({ layerChoices: { ...readLayerChoices(localStorage, server.user), ...urlLayers } });
      if (server.user) urlLayers = undefined;
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
