/**
 * Capture Payments: captures a card or ACH payment over DTMF through a Pay Connector.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const capturePayments: WidgetModule = {
  type: 'capture-payments',
  catalog: vendoredCatalogEntry('capture-payments'),
  summaryProperty: 'payment_amount',
};
