/**
 * `create-chat-channel`: only in the flow schema's type enum (no widget schema, docs or example found): the
 * editor keeps such widgets as they are.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const createChatChannel: WidgetModule = {
  type: 'create-chat-channel',
  catalog: vendoredCatalogEntry('create-chat-channel'),
};
