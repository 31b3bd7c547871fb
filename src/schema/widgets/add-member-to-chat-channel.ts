/**
 * `add-member-to-chat-channel`: only in the flow schema's type enum (no widget schema, docs or example found): the
 * editor keeps such widgets as they are.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const addMemberToChatChannel: WidgetModule = {
  type: 'add-member-to-chat-channel',
  catalog: vendoredCatalogEntry('add-member-to-chat-channel'),
};
