/**
 * The JSON view: the live definition as text in a code editor (src/jsonview), two-way synced with the canvas. Monaco is
 * large, so it is loaded only when this view first opens (React.lazy); it is bundled locally, never fetched.
 */
import { lazy, Suspense, useId } from 'react';
import '../styles/json-view.css';

const JsonEditor = lazy(() => import('../jsonview/JsonEditor'));

export function JsonView() {
  const headingId = useId();
  // `nokey`: React Flow's key handlers (Space pans, Shift selects) skip events from inside. Monaco types through an
  // EditContext element that React Flow does not recognise as a text field, so without it a typed space was eaten.
  return (
    <section className="json-view nokey" aria-labelledby={headingId}>
      <h2 id={headingId} className="json-view-heading">
        Flow JSON
      </h2>
      <Suspense fallback={<p className="json-view-loading">Loading the JSON editor…</p>}>
        <JsonEditor />
      </Suspense>
    </section>
  );
}
