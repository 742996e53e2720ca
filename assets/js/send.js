// send.js: "Send my progress to another device": a dialog with a link
// holding the whole progress (transfer.js), shared with the Web Share API
// where the browser has it, copied to the clipboard otherwise, and shown
// as a QR code (qr.js) to scan with the other device's camera when it is
// small enough for one.
import { makeLink, payloadOf } from "./transfer.js";
import { encode, toSVG, MAX_VERSION, capacity } from "./qr.js";
import { el, plural } from "./dom.js";
import { noteBackup } from "./backup.js";

function kb(n) {
  return n < 1024 ? n + " bytes" : (n / 1024).toFixed(n < 10240 ? 1 : 0) + " KB";
}

async function copy(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (or no permission): select the text and copy it the old way.
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/** openSendDialog shows the dialog; resolves once it is open. */
export async function openSendDialog() {
  const old = document.getElementById("send-dialog");
  if (old) old.remove();
  const status = el("p", { class: "send-status", role: "status" });
  const close = el("button", { type: "button", class: "button", "data-action": "send-close" }, "Close");
  const dlg = el("dialog", { id: "send-dialog", class: "transfer-dialog", "aria-labelledby": "send-h" },
    el("h2", { id: "send-h" }, "Send my progress"),
    el("p", { class: "send-wait" }, "Making the link…"));
  document.body.append(dlg);
  close.addEventListener("click", () => dlg.close());
  dlg.addEventListener("close", () => dlg.remove());
  if (typeof dlg.showModal === "function") dlg.showModal();
  else dlg.setAttribute("open", "");

  let link;
  try {
    link = await makeLink();
  } catch (e) {
    dlg.replaceChildren(dlg.firstChild, el("p", {}, "The link could not be made: " + (e && e.message ? e.message : e)), close);
    close.focus();
    return dlg;
  }
  const url = link.url;
  const input = el("input", { type: "url", class: "send-link", readonly: true, value: url, "aria-label": "The link", "data-size": url.length });
  const actions = sendActions(link, url, input, status);
  dlg.replaceChildren(...[
    dlg.firstChild,
    el("p", {}, "A link that holds your progress: " + plural(link.cards, "card") + ", " + plural(link.reviews, "review") + " (" + kb(url.length) + "). " +
      "Open it on your other device, in the browser you study in there, to merge it with the progress kept there. " +
      "It goes from device to device in the link itself: no server ever sees it."),
    input, actions, status,
    url.length > 32768 ? el("p", { class: "field-hint send-long" }, "A long link: some apps cut long messages short. If the other device says the link is damaged, use Export progress and Import progress instead.") : null,
    qrFigure(url), receiveHereBox(dlg), el("p", { class: "send-close-row" }, close)].filter(Boolean));
  // Focus a button, not the link's text field: no keyboard pops up on a phone.
  (actions.querySelector(".primary") || close).focus();
  return dlg;
}

// sendActions makes the dialog's buttons: Share (where the browser can)
// and Copy link, which say in status how it went.
function sendActions(link, url, input, status) {
  const actions = el("p", { class: "send-actions" });
  const copyBtn = el("button", { type: "button", class: "button", "data-action": "send-copy" }, "Copy link");
  copyBtn.addEventListener("click", async () => {
    const ok = await copy(url, input);
    status.textContent = ok ? "Link copied. Paste it into a message to yourself, or straight into the other device's browser." : "Copying did not work: select the link above and copy it.";
    if (ok) noteBackup();
  });
  if (typeof navigator.share === "function") {
    const share = el("button", { type: "button", class: "button primary", "data-action": "send-share" }, "Share link…");
    share.addEventListener("click", async () => {
      try {
        await navigator.share({ title: document.title, text: "My flipdeck progress (" + plural(link.cards, "card") + ")", url });
        status.textContent = "Shared.";
        noteBackup();
      } catch (e) {
        if (!e || e.name !== "AbortError") status.textContent = "Sharing did not work: copy the link instead.";
      }
    });
    actions.append(share);
  } else {
    copyBtn.classList.add("primary");
  }
  actions.append(copyBtn);
  return actions;
}

// qrFigure draws url as a QR code, or says why it is too big for one.
function qrFigure(url) {
  const bytes = new TextEncoder().encode(url);
  const code = encode(bytes);
  if (code) {
    const svg = toSVG(code, "QR code of the link");
    // About three pixels a module, so a phone camera can read it off a screen.
    svg.style.maxWidth = Math.max(200, (code.size + 8) * 3) + "px";
    return el("figure", { class: "send-qr", "data-version": code.version, "data-ecl": code.ecl },
      svg, el("figcaption", {}, "Or scan this with the other device's camera."));
  }
  return el("p", { class: "send-noqr" }, "Your progress is too big for a QR code (the link is " + kb(bytes.length) +
    "; a QR code holds at most " + kb(capacity(MAX_VERSION, "L")) + "): send the link instead.");
}

// receiveHereBox is the folded "Receiving here instead?" part: a box to
// paste a link from the other device into, which closes dlg and merges.
function receiveHereBox(dlg) {
  // An app installed on an iPhone keeps its own storage, apart from
  // Safari's, where a tapped link opens: there the link is pasted.
  const paste = el("input", { type: "url", class: "send-link", id: "receive-paste", placeholder: "https://…#progress=…", autocomplete: "off" });
  const pasteOK = el("button", { type: "button", class: "button", "data-action": "receive-paste" }, "Open");
  const pasteMsg = el("p", { class: "receive-error", role: "status" });
  pasteOK.addEventListener("click", async () => {
    const payload = payloadOf(paste.value);
    if (!payload) {
      pasteMsg.textContent = "That is not a progress link: it has no #progress= part.";
      return;
    }
    dlg.close();
    const { receive } = await import("./receive.js");
    receive(payload);
  });
  return el("details", { class: "receive-here" },
    el("summary", {}, "Receiving here instead?"),
    el("p", {}, "Open the link from your other device on this one, or paste it here:"),
    el("label", { for: "receive-paste", class: "sr-only" }, "Link from the other device"),
    el("div", { class: "paste-row" }, paste, pasteOK), pasteMsg);
}
