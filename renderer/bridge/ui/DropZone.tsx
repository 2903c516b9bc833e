/**
 * Drag a scenario file onto the window to open it: an overlay says what will happen while files
 * are dragged over the window; dropping opens the first file through the controller (which asks
 * about unsaved changes first). Anything else dropped is ignored, never navigated to.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { DocumentController } from '../controller';

const hasFiles = (event: DragEvent) =>
  Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function DropZone({ controller }: { controller: DocumentController }): ReactElement | null {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setActive(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setActive(false);
      const file = event.dataTransfer?.files[0];
      if (file) void controller.openDropped(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [controller]);
  if (!active) return null;
  return (
    <div className="fw-chrome-drop" data-testid="drop-overlay" aria-hidden="true">
      <p className="fw-chrome-drop__text">Drop a scenario file (.flywheel.json) to open it</p>
    </div>
  );
}
