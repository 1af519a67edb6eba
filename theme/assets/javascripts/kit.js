/* Share kits: copy buttons, and links credited to the ambassador named by ?a=<key>.

   The page is built with anonymous links (utm_medium=advocacy, no utm_content), so it works without
   JavaScript. With a valid key, every link grows "&utm_content=<key>" at its end, in the copied text
   and inside each share URL (where the link sits percent-encoded: "%26utm_content%3D<key>"). The same
   rule is publisher.kits.links.personal_link / personal_share_url in Python; tests hold them equal.
   The key is checked against the pattern and length the build passed in (data-key-pattern,
   data-key-room): a longer key could push a text past its network's limit. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain http on a LAN address: the Clipboard API is missing, the old way still works.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function flash(button, message) {
    var label = button.querySelector("[data-kit-label]") || button;
    var before = label.textContent;
    label.textContent = message;
    button.classList.add("pub-kit__button--done");
    window.setTimeout(function () {
      label.textContent = before;
      button.classList.remove("pub-kit__button--done");
    }, 2500);
  }

  function ambassador(kit) {
    var raw = new URLSearchParams(window.location.search).get(kit.dataset.param);
    if (raw === null || raw.trim() === "") { return { key: "", given: false }; }
    var key = raw.trim().toLowerCase();
    var pattern = new RegExp("^(?:" + kit.dataset.keyPattern + ")$");
    var room = parseInt(kit.dataset.keyRoom, 10);
    var valid = pattern.test(key) && key.length <= room;
    return { key: valid ? key : "", given: true };
  }

  function setup() {
    var kit = document.querySelector("[data-kit]");
    if (!kit || kit.dataset.kitReady) { return; }
    kit.dataset.kitReady = "1";
    var who = ambassador(kit);
    var join = "&utm_content=", joinEncoded = "%26utm_content%3D";

    if (who.key) {
      kit.querySelector("[data-kit-anonymous]").hidden = true;
      kit.querySelector("[data-kit-personal]").hidden = false;
      kit.querySelector("[data-kit-key]").textContent = who.key;
    } else if (who.given) {
      kit.querySelector("[data-kit-anonymous]").hidden = true;
      kit.querySelector("[data-kit-invalid]").hidden = false;
    }

    kit.querySelectorAll("[data-kit-text]").forEach(function (item) {
      var link = item.dataset.link;
      var personal = who.key ? link + join + encodeURIComponent(who.key) : link;
      var text = item.querySelector("[data-kit-body]").textContent + "\n\n" + personal;
      var share = item.querySelector("[data-kit-share]");
      if (who.key) {
        item.querySelector("[data-kit-link]").textContent = personal;
        var encoded = item.dataset.linkQ;
        share.href = share.href.split(encoded).join(encoded + joinEncoded + encodeURIComponent(who.key));
      }
      item.dataset.text = text;

      var copy = item.querySelector("[data-kit-copy]");
      copy.hidden = false;
      copy.addEventListener("click", function () {
        copyText(text).then(function () { flash(copy, kit.dataset.copied); }, function () {});
      });
      if (share.dataset.network === "linkedin") {
        // LinkedIn's share page takes the link only: bring the words along in the clipboard.
        share.addEventListener("click", function () {
          copyText(text).then(function () { flash(share, kit.dataset.linkedinCopied); }, function () {});
        });
      }
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setup);  // Material's instant navigation, when a site turns it on
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
