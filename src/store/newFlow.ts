import { TRIGGER_TYPE } from '../model';
import type { FlowDefinition } from '../model/types';

/**
 * The definition Studio itself creates for "New flow": a Trigger with its five unconnected events.
 *
 * A fresh object every call, so a new document never shares identity with an earlier one (the validator and,
 * later, undo history key on object identity).
 */
export function createNewFlowDefinition(): FlowDefinition {
  return {
    description: 'A New Flow',
    states: [
      {
        name: 'Trigger',
        type: TRIGGER_TYPE,
        transitions: [
          { event: 'incomingMessage' },
          { event: 'incomingCall' },
          { event: 'incomingConversationMessage' },
          { event: 'incomingRequest' },
          { event: 'incomingParent' },
        ],
        properties: { offset: { x: 0, y: 0 } },
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}
