/*
 * Message ordering, shared by the customer widget and the agent console.
 *
 * A transcript shows stored messages in the server's order (their per-conversation ``seq``),
 * whatever order the frames arrive in (history, live broadcast, an ack racing its echo), and
 * keeps messages still being sent (``data-pending="true"``, no seq yet) after all of them.
 * Messages of an earlier conversation kept on screen carry ``.archived`` and no longer count.
 */

const STORED = ".msg[data-seq]:not(.archived)";
const PENDING = '.msg[data-pending="true"]';

/** Put ``node`` (a message with sequence number ``seq``) at its place in ``container``:
 * before the first stored message with a higher seq, else before the first pending one,
 * else at the end. */
export function insertBySeq(container, node, seq) {
  for (const other of container.querySelectorAll(STORED)) {
    if (other !== node && Number(other.dataset.seq) > seq) {
      other.before(node);
      return;
    }
  }
  const firstPending = container.querySelector(PENDING);
  if (firstPending && firstPending !== node) firstPending.before(node);
  else container.append(node);
}

/** Put a message just stored (it now has ``seq``) where it belongs among the others. */
export function placeConfirmed(container, node, seq) {
  node.removeAttribute("data-pending");
  node.dataset.seq = String(seq);
  node.remove();
  insertBySeq(container, node, seq);
}
