// Asked once when the control plane answers 401 (ADMIN_TOKEN is set): the token is then sent as a header on
// every call and on the stream, and kept for this browser tab only.
import { useEffect, useRef, useState } from 'preact/hooks';

export function TokenDialog({ onToken }: { onToken(token: string): void }) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div class="overlay">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="token-title">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim() !== '') onToken(value.trim());
          }}
        >
          <h2 id="token-title">Admin token needed</h2>
          <p>This emulator runs with ADMIN_TOKEN set. Enter it to use the console; it is kept for this tab only.</p>
          <label for="admin-token">Admin token</label>
          <input id="admin-token" ref={input} type="password" autocomplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          <button type="submit">Continue</button>
        </form>
      </div>
    </div>
  );
}
