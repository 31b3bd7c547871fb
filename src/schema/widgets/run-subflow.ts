/**
 * Run Subflow: runs another flow and continues when it returns.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const runSubflow: WidgetModule = {
  type: 'run-subflow',
  catalog: vendoredCatalogEntry('run-subflow'),
  summaryProperty: 'flow_sid',
  fields: {
    flow_sid: { label: 'Subflow' },
    flow_revision: {
      label: 'Revision',
      options: [
        { value: 'LatestPublished', label: 'Latest published' },
        { value: 'LatestDraft', label: 'Latest draft' },
      ],
      openOptions: true,
    },
    parameters: {
      label: 'Subflow parameters',
      extraColumns: [
        {
          key: 'type',
          label: 'Type',
          help: 'Parse as JSON object: the subflow receives an object, not text.',
          // "json_object" is how Studio exports a ticked "Parse as JSON object" box (18 corpus parameters).
          options: [
            { value: 'string', label: 'Text' },
            { value: 'json_object', label: 'Parse as JSON object' },
          ],
          defaultValue: 'string',
        },
      ],
    },
  },
};
