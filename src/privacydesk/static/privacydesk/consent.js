/* privacydesk cookie banner. No framework, no dependencies.
 *
 *   <script src="https://privacy.example.com.au/static/privacydesk/consent.js" data-site="SITE-KEY" defer></script>
 *   <script type="text/plain" data-consent="analytics" src="https://analytics.example/tag.js"></script>
 *   <a href="#" data-privacydesk-settings>Cookie settings</a>
 *
 * Scripts marked type="text/plain" with data-consent run only once their category is accepted.
 * Rejecting is one click, like accepting. Global Privacy Control (navigator.globalPrivacyControl,
 * sent by the browser as Sec-GPC: 1) is honoured as a refusal of marketing cookies. Each choice is
 * posted to privacydesk as a receipt; the choice is kept in the first-party cookie pd_consent.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.getAttribute("data-site")) return;
  var site = me.getAttribute("data-site");
  var base = new URL(me.src).origin;
  var COOKIE = "pd_consent";
  var gpc = navigator.globalPrivacyControl === true;
  var config = null;
  var root = null;

  function readChoice() {
    var m = document.cookie.match(/(?:^|;\s*)pd_consent=([^;]*)/);
    if (!m) return null;
    try { return JSON.parse(decodeURIComponent(m[1])); } catch (e) { return null; }
  }

  function writeChoice(choice) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = COOKIE + "=" + encodeURIComponent(JSON.stringify(choice)) +
      "; Max-Age=" + 180 * 24 * 3600 + "; Path=/; SameSite=Lax" + secure;
  }

  function visitorId(previous) {
    if (previous && previous.id) return previous.id;
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function activate(choice) {
    var nodes = document.querySelectorAll('script[type="text/plain"][data-consent]');
    Array.prototype.forEach.call(nodes, function (old) {
      var category = old.getAttribute("data-consent");
      if (category !== "essential" && !choice[category]) return;
      var s = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) {
        if (a.name !== "type") s.setAttribute(a.name, a.value);
      });
      s.text = old.text;
      old.parentNode.replaceChild(s, old);
    });
    window.dispatchEvent(new CustomEvent("privacydesk:consent", { detail: choice }));
  }

  function post(choice, action) {
    var body = JSON.stringify({
      visitor: choice.id, analytics: choice.analytics, marketing: choice.marketing,
      action: action, gpc: gpc, banner_version: config.banner_version
    });
    return fetch(base + "/privacy/cookies/" + encodeURIComponent(site) + "/receipt", {
      method: "POST", mode: "cors", credentials: "omit", keepalive: true,
      headers: { "Content-Type": "text/plain" }, body: body
    }).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }

  function decide(analytics, marketing, action) {
    var previous = readChoice();
    var choice = {
      v: config.banner_version, id: visitorId(previous),
      analytics: !!analytics && config.categories.indexOf("analytics") >= 0,
      marketing: !!marketing && !gpc && config.categories.indexOf("marketing") >= 0
    };
    writeChoice(choice);
    close();
    activate(choice);
    return post(choice, action);
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function button(label, primary, onclick) {
    var b = el("button", label, { type: "button" });
    var s = b.style;
    s.font = "inherit"; s.fontWeight = "600"; s.padding = ".5rem 1rem"; s.margin = ".25rem .5rem .25rem 0";
    s.cursor = "pointer"; s.border = "2px solid #0b0c0c"; s.background = primary ? "#0b0c0c" : "#fff";
    s.color = primary ? "#fff" : "#0b0c0c";
    b.addEventListener("click", onclick);
    return b;
  }

  function close() {
    if (root && root.parentNode) root.parentNode.removeChild(root);
    root = null;
  }

  function open() {
    close();
    root = el("section", null, { "aria-label": "Cookie choices", id: "privacydesk-banner" });
    var s = root.style;
    s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "2147483647";
    s.background = "#fff"; s.color = "#0b0c0c"; s.borderTop = "4px solid #0b0c0c"; s.padding = "1rem";
    s.font = "16px/1.5 system-ui, sans-serif"; s.maxHeight = "80vh"; s.overflowY = "auto";
    var heading = el("h2", config.mode === "none" ? "Cookies on this site" : "Your choice of cookies");
    heading.style.fontSize = "1.2rem"; heading.style.margin = "0 0 .5rem";
    root.appendChild(heading);
    if (config.mode === "none") {
      root.appendChild(el("p", config.name + " sets only the cookies this site needs to work; no analytics or marketing cookies."));
      root.appendChild(button("OK", true, function () { writeChoice({ v: config.banner_version, none: true }); close(); }));
    } else {
      root.appendChild(el("p", "Essential cookies keep this site working and are always on. Choose whether we may also use:"));
      var boxes = {};
      var previous = readChoice() || {};
      config.categories.forEach(function (category) {
        var row = el("div");
        var box = el("input", null, { type: "checkbox", id: "pd-" + category });
        box.checked = !!previous[category] && !(category === "marketing" && gpc);
        if (category === "marketing" && gpc) box.disabled = true;
        var label = el("label", (category === "analytics" ? "Analytics: " : "Marketing: ") + config[category], { for: "pd-" + category });
        label.style.marginLeft = ".4rem";
        row.appendChild(box); row.appendChild(label);
        root.appendChild(row);
        boxes[category] = box;
      });
      if (gpc) root.appendChild(el("p", "Your browser's Global Privacy Control signal is on, so marketing cookies stay off."));
      var bar = el("div");
      bar.appendChild(button("Reject all", true, function () { decide(false, false, "reject_all"); }));
      bar.appendChild(button("Accept all", true, function () { decide(true, true, "accept_all"); }));
      bar.appendChild(button("Save my choices", false, function () {
        decide(boxes.analytics && boxes.analytics.checked, boxes.marketing && boxes.marketing.checked, "custom");
      }));
      root.appendChild(bar);
    }
    if (config.policy_url) {
      var more = el("a", "Our privacy policy", { href: config.policy_url });
      more.style.color = "#1d70b8";
      root.appendChild(more);
    }
    document.body.appendChild(root);
  }

  window.privacydesk = { open: function () { if (config) open(); }, choice: readChoice };

  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest && e.target.closest("[data-privacydesk-settings]");
    if (t) { e.preventDefault(); window.privacydesk.open(); }
  });

  fetch(base + "/privacy/cookies/" + encodeURIComponent(site) + ".json", { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (c) {
      if (!c) return;
      config = c;
      var choice = readChoice();
      if (choice && gpc) choice.marketing = false;
      if (choice && choice.v === c.banner_version) {
        if (!choice.none) activate(choice);
        return;
      }
      if (document.body) open(); else document.addEventListener("DOMContentLoaded", open);
    });
})();
