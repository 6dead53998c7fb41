// The phone remote: follows the player through /events (WebSocket) and sends commands with
// POST. The token arrives once in the link (?token=…); it is kept for this tab only and taken
// out of the address bar, so it is not left in the history or shown over a shoulder.
"use strict";

const $ = (id) => document.getElementById(id);
const token = (() => {
  const given = new URLSearchParams(location.search).get("token");
  if (given) {
    sessionStorage.setItem("revkiosk-token", given);
    history.replaceState(null, "", location.pathname);
    return given;
  }
  return sessionStorage.getItem("revkiosk-token");
})();

let state = null;
let timerBase = { elapsed: 0, running: false, planned: null, at: performance.now() };
const pictures = { current: null, next: null };
let retryMs = 1000;

function say(text) {
  $("message").textContent = text || "";
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mm = h ? String(m).padStart(2, "0") : String(m);
  return (h ? h + ":" : "") + mm + ":" + String(s % 60).padStart(2, "0");
}

function tick() {
  const t = timerBase;
  const elapsed = t.elapsed + (t.running ? (performance.now() - t.at) / 1000 : 0);
  $("timer").textContent = clock(elapsed) + (t.planned ? " / " + clock(t.planned) : "");
  $("timer").classList.toggle("paused", !t.running);
}

async function send(path) {
  say("");
  try {
    const reply = await fetch(path, {
      method: "POST",
      headers: { Authorization: "Bearer " + token },
      cache: "no-store",
    });
    if (reply.ok) return;
    const body = await reply.json().catch(() => ({}));
    say(body.error || "The player answered " + reply.status + ".");
  } catch (error) {
    say("No connection to the player.");
  }
}

async function showPicture(which, key) {
  if (pictures[which] === key) return;
  pictures[which] = key;
  const img = $(which === "current" ? "current" : "next");
  if (key === null) {
    img.removeAttribute("src");
    return;
  }
  try {
    const reply = await fetch("/slide/" + which + ".png", {
      headers: { Authorization: "Bearer " + token },
      cache: "no-store",
    });
    if (!reply.ok || pictures[which] !== key) return;
    const old = img.src;
    img.src = URL.createObjectURL(await reply.blob());
    if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  } catch (error) {
    pictures[which] = null; // try again with the next message
  }
}

function render(next) {
  state = next;
  document.title = "revkiosk · " + (next.slide_title || next.deck.title || "remote");
  $("deck").textContent = next.name ? next.name + " · " + next.deck.title : next.deck.title;
  $("position").textContent = next.slide_count ? next.slide + " / " + next.slide_count : "–";
  $("position").dataset.slide = String(next.slide);
  $("title").textContent = next.slide_title || "";
  $("next-title").textContent = next.next_title || "(the end)";
  $("notes").textContent = next.notes || "No notes for this slide.";
  $("blanked").hidden = !next.blanked;
  $("blank").setAttribute("aria-pressed", String(next.blanked));
  $("mute").setAttribute("aria-pressed", String(next.muted));
  $("blank").disabled = next.kiosk;
  $("prev").disabled = next.slide <= 1;
  $("go-next").disabled = next.slide >= next.slide_count;
  timerBase = { ...next.timer, at: performance.now() };
  tick();
  showPicture("current", next.pictures.current);
  showPicture("next", next.pictures.next);
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(
    scheme + "//" + location.host + "/events?token=" + encodeURIComponent(token)
  );
  socket.onopen = () => {
    retryMs = 1000;
    $("link").textContent = "live";
    $("link").classList.add("live");
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "state") render(message);
  };
  socket.onclose = () => {
    $("link").textContent = "reconnecting…";
    $("link").classList.remove("live");
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 8000);
  };
}

if (!token) {
  say("Open this page from the pairing link or QR code in the presenter console.");
} else {
  $("go-next").addEventListener("click", () => send("/next"));
  $("prev").addEventListener("click", () => send("/prev"));
  $("blank").addEventListener("click", () => send("/blank"));
  $("mute").addEventListener("click", () => send("/mute"));
  setInterval(tick, 500);
  connect();
}
