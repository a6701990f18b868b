// forewarn pages: keyboard review, corrections, actor pickers. No inline scripts (CSP);
// the DOM is only ever filled with textContent, never with HTML built from data.
"use strict";

(function () {
  const REQUEST_HEADER = "X-Forewarn-Request";

  function typing(event) {
    const el = event.target;
    return el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));
  }

  async function review(threatId, body) {
    const response = await fetch(`/api/threats/${encodeURIComponent(threatId)}`, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [REQUEST_HEADER]: "1" },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (_) { /* no body */ }
    if (!response.ok) {
      const detail = data && data.detail;
      const text = typeof detail === "string" ? detail : Array.isArray(detail) ? detail.map((d) => d.msg).join("; ") : response.statusText;
      throw new Error(`${response.status}: ${text}`);
    }
    return data;
  }

  function say(text, isError) {
    const box = document.getElementById("review-message");
    if (!box) return;
    box.textContent = text;
    box.classList.toggle("error", Boolean(isError));
  }

  function setBadge(badge, status) {
    if (!badge) return;
    badge.className = `badge status-${status}`;
    badge.textContent = status;
  }

  // "/" jumps to search from anywhere
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && !typing(event) && !event.ctrlKey && !event.metaKey) {
      const search = document.getElementById("global-search");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
    }
  });

  // ------------------------------------------------------------------ actor pickers
  let pickerCount = 0;
  function attachPicker(input) {
    const list = document.createElement("datalist");
    list.id = `actor-options-${pickerCount++}`;
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || /^A\d+$/.test(q)) return;
      timer = setTimeout(async () => {
        const response = await fetch(`/api/actors?limit=8&q=${encodeURIComponent(q)}`, { credentials: "same-origin" });
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(...data.items.map((a) => {
          const option = document.createElement("option");
          option.value = a.actor_id;
          option.label = `${a.name} (${a.type.toLowerCase()})`;
          option.textContent = `${a.name} (${a.type.toLowerCase()})`;
          return option;
        }));
      }, 180);
    });
  }
  document.querySelectorAll("input[data-actor-picker]").forEach(attachPicker);

  // ------------------------------------------------------------------ threat page
  const box = document.getElementById("review-box");
  if (box) {
    const threatId = box.dataset.threatId;
    const decide = async (status) => {
      try {
        const data = await review(threatId, { status });
        setBadge(document.querySelector("#threat-status .badge"), data.status);
        say(`Saved: ${data.status} by ${data.reviewed_by}.`);
        window.location.reload();
      } catch (error) { say(`Not saved (${error.message}).`, true); }
    };
    box.querySelectorAll("button[data-review]").forEach((button) => {
      button.addEventListener("click", () => decide(button.dataset.review));
    });
    const form = document.getElementById("correct-form");
    if (form) {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const body = {};
        for (const [key, value] of new FormData(form).entries()) {
          const v = String(value).trim();
          if (v) body[key] = v;
        }
        for (const key of ["speaker_id", "target_id"]) {
          if (body[key] && !/^A\d+$/.test(body[key])) {
            say(`${key.replace("_id", "")}: choose an actor from the list (an id like A12).`, true);
            return;
          }
        }
        if (!Object.keys(body).length) { say("Nothing to correct.", true); return; }
        try {
          await review(threatId, body);
          window.location.reload();
        } catch (error) { say(`Not saved (${error.message}).`, true); }
      });
    }
    if (box.querySelector("button[data-review]")) {
      document.addEventListener("keydown", (event) => {
        if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
        if (event.key === "c") decide("confirmed");
        else if (event.key === "r") decide("rejected");
      });
    }
  }

  // evidence marks in a document open their threat
  document.querySelectorAll(".doctext mark[data-threat]").forEach((mark) => {
    mark.addEventListener("click", () => {
      const id = mark.dataset.threat.split(" ")[0];
      if (!window.location.pathname.endsWith(`/threats/${id}`)) window.location.href = `/threats/${id}`;
    });
  });

  // ------------------------------------------------------------------ review queue
  const queue = document.getElementById("queue");
  if (queue) {
    const items = Array.from(queue.querySelectorAll("li.qitem"));
    const signedIn = queue.dataset.signedIn === "yes";
    let current = 0;
    const select = (index) => {
      if (!items.length) return;
      current = Math.max(0, Math.min(items.length - 1, index));
      items.forEach((item, i) => item.classList.toggle("selected", i === current));
      items[current].focus({ preventScroll: true });
      items[current].scrollIntoView({ block: "nearest" });
    };
    const decide = async (index, status) => {
      const item = items[index];
      if (!item) return;
      if (!signedIn) { say("Sign in to review.", true); return; }
      try {
        const data = await review(item.dataset.threatId, { status });
        item.classList.remove("row-unreviewed", "row-confirmed", "row-rejected");
        item.classList.add(`row-${data.status}`);
        setBadge(item.querySelector(".qstatus .badge"), data.status);
        say(`#${item.dataset.threatId} ${data.status}.`);
        if (status !== "unreviewed") select(index + 1);
      } catch (error) { say(`#${item.dataset.threatId} not saved (${error.message}).`, true); }
    };
    items.forEach((item, i) => {
      item.addEventListener("click", (event) => { if (!event.target.closest("a, button")) select(i); });
      item.querySelectorAll("button[data-review]").forEach((button) => {
        button.addEventListener("click", () => { select(i); decide(i, button.dataset.review); });
      });
    });
    document.addEventListener("keydown", (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const keys = { j: () => select(current + 1), k: () => select(current - 1), c: () => decide(current, "confirmed"),
        r: () => decide(current, "rejected"), u: () => decide(current, "unreviewed"),
        o: () => { window.location.href = `/threats/${items[current].dataset.threatId}`; } };
      const action = keys[event.key];
      if (action) { event.preventDefault(); action(); }
    });
    select(0);
  }
})();
