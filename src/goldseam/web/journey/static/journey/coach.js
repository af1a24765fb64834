/* The live coach and draft autosave for the journey's writing pages.
   Hand-written, no library: the Content-Security-Policy allows only same-origin scripts.
   User text is only ever placed with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var COACH_DELAY_MS = 700;     /* a pause in typing, not every key press */
  var AUTOSAVE_DELAY_MS = 2000; /* drafts save soon after the writer stops */

  function csrfToken(form) {
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function debounce(fn, delay) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, delay);
    };
  }

  var lastField = null;

  function insertAtCursor(field, text) {
    if (!field) { return; }
    var start = field.selectionStart || field.value.length;
    var end = field.selectionEnd || start;
    var before = field.value.slice(0, start);
    var spacer = before && !/\s$/.test(before) ? " " : "";
    field.value = before + spacer + text + field.value.slice(end);
    var at = (before + spacer + text).length;
    field.focus();
    field.setSelectionRange(at, at);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function list(items, render, className) {
    var ul = el("ul", null, className);
    items.forEach(function (item) { ul.appendChild(render(item)); });
    return ul;
  }

  function renderFeedback(panel, data, field) {
    var w = panel.dataset;
    var box = document.createDocumentFragment();
    if (data.state !== "ok") {
      box.appendChild(el("p", data.message || w.wUnavailable, "coach-message"));
      if (data.state === "safety") {
        var p = el("p");
        var a = el("a", w.wSafetyLink);
        a.href = w.safetyUrl;
        p.appendChild(a);
        box.appendChild(p);
      }
      panel.replaceChildren(box);
      return;
    }
    box.appendChild(el("p", data.summary, "coach-summary"));
    var text = el("p", null, "coach-text");
    data.segments.forEach(function (seg) {
      if (seg.code) { text.appendChild(el("mark", seg.text, "mark-" + seg.code)); }
      else { text.appendChild(document.createTextNode(seg.text)); }
    });
    box.appendChild(text);
    if (data.marked.length) {
      box.appendChild(el("h4", w.wMarked));
      box.appendChild(list(data.marked, function (m) {
        return el("li", m.message, "mark-" + m.code);
      }, "coach-marked"));
    }
    if (data.works.length) {
      box.appendChild(el("h4", w.wWorks));
      box.appendChild(list(data.works, function (m) { return el("li", m.message); },
        "coach-works"));
    }
    if (data.emotions.length) {
      box.appendChild(el("h4", w.wEmotions));
      box.appendChild(list(data.emotions, function (e) {
        var li = el("li", e.emotion + " ");
        li.appendChild(el("span", "(" + e.kind_label + ")", "meta"));
        return li;
      }, "coach-emotions"));
      if (data.emotion_note) { box.appendChild(el("p", data.emotion_note)); }
    }
    if (data.suggestions.length) {
      box.appendChild(el("h4", w.wSuggestions));
      box.appendChild(list(data.suggestions, function (s) {
        var li = el("li", s + " ");
        var b = el("button", w.wInsert, "chip");
        b.type = "button";
        b.addEventListener("click", function () { insertAtCursor(lastField || field, s); });
        li.appendChild(b);
        return li;
      }, "coach-suggestions"));
    }
    if (data.checklist) {
      box.appendChild(el("h4", w.wChecklist));
      if (data.guidance) { box.appendChild(el("p", data.guidance)); }
      box.appendChild(list(data.checklist, function (c) {
        return el("li", c.label, c.held ? "held" : "missing");
      }, "coach-checklist"));
    }
    var next = el("p", null, "coach-next");
    next.appendChild(el("strong", data.next_step));
    box.appendChild(next);
    panel.replaceChildren(box);
  }

  /* On a phone the coach sits below the form: a short line under the box being written
     says that it has read the words (the panel itself is the live region). */
  function hintUnder(field, panel, data) {
    var hint = field.parentNode.querySelector(".coach-hint");
    if (!hint) {
      hint = el("p", null, "coach-hint");
      hint.setAttribute("aria-hidden", "true");
      field.insertAdjacentElement("afterend", hint);
    }
    if (data.state !== "ok") { hint.textContent = ""; return; }
    hint.textContent = data.marked.length ? panel.dataset.wHintMarked : panel.dataset.wHintClear;
  }

  function setUpCoach(panel) {
    var fields = document.querySelectorAll("textarea[data-coach]");
    var pending = null;
    var ask = debounce(function (field) {
      if (pending) { pending.abort(); }
      pending = new AbortController();
      var body = new FormData();
      body.append("text", field.value);
      body.append("role", field.dataset.coach || panel.dataset.role);
      panel.setAttribute("aria-busy", "true");
      fetch(panel.dataset.url, {
        method: "POST", body: body, credentials: "same-origin", signal: pending.signal,
        headers: { "X-CSRFToken": csrfToken(field.form), "X-Requested-With": "fetch" }
      }).then(function (r) { return r.json(); })
        .then(function (data) { renderFeedback(panel, data, field); hintUnder(field, panel, data); })
        .catch(function (err) {
          if (err.name !== "AbortError") {
            panel.replaceChildren(el("p", panel.dataset.wUnavailable, "coach-message"));
          }
        })
        .finally(function () { panel.removeAttribute("aria-busy"); });
    }, COACH_DELAY_MS);
    fields.forEach(function (field) {
      field.addEventListener("input", function () { ask(field); });
      field.addEventListener("focus", function () { lastField = field; if (field.value.trim()) { ask(field); } });
    });
  }

  function setUpAutosave(form) {
    var status = form.querySelector(".autosave-status");
    var save = debounce(function () {
      fetch(form.dataset.autosave, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), "X-Requested-With": "fetch" }
      }).then(function (r) { return r.json(); })
        .then(function (data) {
          if (status) { status.textContent = data.saved ? data.message : status.dataset.failed; }
        })
        .catch(function () { if (status) { status.textContent = status.dataset.failed; } });
    }, AUTOSAVE_DELAY_MS);
    form.addEventListener("input", save);
  }

  function setUpPicker() {
    document.querySelectorAll("[data-insert]").forEach(function (button) {
      button.addEventListener("click", function () {
        insertAtCursor(lastField || document.querySelector("#id_impact") ||
          document.querySelector("textarea[data-coach]"), button.dataset.insert);
      });
    });
    document.querySelectorAll(".js-only").forEach(function (node) { node.hidden = false; });
    var builder = document.querySelector(".builder");
    if (!builder) { return; }
    builder.hidden = false;
    document.getElementById("builder-insert").addEventListener("click", function () {
      var felt = document.getElementById("builder-felt").value.trim();
      var when = document.getElementById("builder-when").value.trim();
      var need = document.getElementById("builder-need").value.trim();
      if (!felt || !when || !need) { return; }
      var sentence = builder.dataset.template.replace("{felt}", felt)
        .replace("{when}", when).replace("{need}", need);
      insertAtCursor(document.querySelector("#id_impact") || lastField, sentence);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("coach-live");
    if (panel) { setUpCoach(panel); }
    document.querySelectorAll("form[data-autosave]").forEach(setUpAutosave);
    setUpPicker();
  });
})();
