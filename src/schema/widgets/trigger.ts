/**
 * The Trigger: how a flow starts (an incoming message, call, conversation or REST request, or a parent flow's
 * Run Subflow). One per flow, made with it; its outputs are shown, not edited, in the form.
 */
import { TRIGGER_TYPE } from '../../model/commands';
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const trigger: WidgetModule = {
  type: TRIGGER_TYPE,
  catalog: vendoredCatalogEntry(TRIGGER_TYPE),
  singleton: true,
  form: { transitions: 'readonly-events' },
};
