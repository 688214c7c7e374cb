/* Dateline: breaking-news notifications in this browser (Web Push), from the Subscribe page. */
(function () {
  "use strict";
  var box = document.querySelector(".push-offer[data-vapid-key]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  var status = box.querySelector(".push-offer__status");
  var button = box.querySelector(".push-offer__toggle");
  var csrf = box.querySelector("input[name=csrfmiddlewaretoken]").value;

  function key(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function post(body) {
    return fetch(box.dataset.subscribeUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      credentials: "same-origin",
      body: JSON.stringify(body)
    });
  }

  function show(subscription) {
    var denied = Notification.permission === "denied";
    status.textContent = denied ? box.dataset.labelDenied : subscription ? box.dataset.labelOn : box.dataset.labelOff;
    button.textContent = subscription ? button.dataset.labelDisable : button.dataset.labelEnable;
    button.hidden = denied;
  }

  navigator.serviceWorker.register(box.dataset.worker).then(function (registration) {
    box.hidden = false;
    registration.pushManager.getSubscription().then(show);
    button.addEventListener("click", function () {
      registration.pushManager.getSubscription().then(function (current) {
        if (current) {
          return post({ unsubscribe: true, endpoint: current.endpoint })
            .then(function () { return current.unsubscribe(); })
            .then(function () { show(null); });
        }
        return registration.pushManager
          .subscribe({ userVisibleOnly: true, applicationServerKey: key(box.dataset.vapidKey) })
          .then(function (subscription) { return post(subscription.toJSON()).then(function () { show(subscription); }); });
      }).catch(function () { show(null); });
    });
  });
})();
