/* Dateline chat room: one WebSocket; history on joining, live messages after.
   Message text arrives escaped and linked by the server. */
(function () {
  "use strict";
  var room = document.querySelector(".chat-room[data-socket]");
  if (!room || !window.WebSocket) return;
  var list = room.querySelector(".chat-room__messages");
  var form = room.querySelector(".chat-room__form");
  var input = form.querySelector("input[name=body]");
  var errorBox = form.querySelector(".chat-room__error");
  var status = room.querySelector(".chat-room__present");
  var lastId = 0;  /* the newest id shown, for resuming */
  var shown = {};
  var canModerate = false;
  var delay = 1000;
  var socket = null;
  var unsent = "";
  /* The edition's clock and zone, as every other time on the page. */
  var timeFormat = new Intl.DateTimeFormat(document.documentElement.lang, {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: room.dataset.timeZone || undefined
  });

  function item(message) {
    var li = document.createElement("li");
    li.className = "chat-message";
    li.dataset.id = message.id;
    var meta = document.createElement("span");
    meta.className = "chat-message__meta";
    var author = document.createElement("strong");
    author.textContent = message.author;  /* text, never HTML */
    var time = document.createElement("time");
    time.dateTime = message.sent_at;
    time.textContent = timeFormat.format(new Date(message.sent_at));
    meta.appendChild(time);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(author);
    var body = document.createElement("span");
    body.className = "chat-message__body";
    body.innerHTML = message.html;  /* escaped by the server */
    li.appendChild(meta);
    li.appendChild(body);
    if (canModerate) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chat-message__delete";
      remove.textContent = room.dataset.labelDelete;
      remove.addEventListener("click", function () { send({ type: "delete", id: message.id }); });
      li.appendChild(remove);
      if (message.author_id) {
        var mute = document.createElement("button");
        mute.type = "button";
        mute.className = "chat-message__mute";
        mute.textContent = room.dataset.labelMute;
        mute.addEventListener("click", function () { send({ type: "mute", user: message.author_id, minutes: 30 }); });
        li.appendChild(mute);
      }
    }
    return li;
  }

  function add(message) {
    if (shown[message.id]) return;  /* already shown: a resumed connection */
    shown[message.id] = true;
    /* Two senders' broadcasts may cross: keep the list in id order. */
    var next = null;
    for (var node = list.lastElementChild; node && Number(node.dataset.id) > message.id; node = node.previousElementSibling) next = node;
    list.insertBefore(item(message), next);
    lastId = Math.max(lastId, message.id);
    if (!next) list.scrollTop = list.scrollHeight;
  }

  function remove(id) {
    var gone = list.querySelector('.chat-message[data-id="' + Number(id) + '"]');
    if (gone) gone.remove();
  }

  function closed() {
    form.hidden = true;
    status.textContent = room.dataset.labelClosed;
  }

  function send(payload) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  function showError(text) {
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  }

  /* "3 readers here", in the page's language and its plural forms. */
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
  function showPresent(count) {
    var form = plural ? plural.select(count) : (count === 1 ? "one" : "many");
    var sample = status.dataset[form] || status.dataset.many || "";
    status.textContent = sample ? sample.replace(/\d+/, String(count)) : String(count);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + room.dataset.socket + (lastId ? "?after=" + lastId : ""));
    socket.addEventListener("open", function () { delay = 1000; });
    socket.addEventListener("message", function (event) {
      var data = JSON.parse(event.data);
      if (data.type === "hello") {
        canModerate = data.can_moderate;
        showPresent(data.present);
        input.maxLength = data.max_length;
        form.hidden = !data.can_send;
        room.querySelector(".chat-room__prompt").hidden = data.can_send || data.closed;
        room.querySelector(".chat-room__moderation").hidden = !data.can_moderate || data.closed;
        data.messages.forEach(add);
        (data.deleted || []).forEach(remove);
        if (data.closed) closed();
      } else if (data.type === "message") {
        add(data);
      } else if (data.type === "deleted") {
        remove(data.id);
      } else if (data.type === "closed") {
        closed();
        room.querySelector(".chat-room__moderation").hidden = true;
      } else if (data.type === "error") {
        showError(data.message);
        if (unsent && !input.value) input.value = unsent;
      }
      unsent = data.type === "message" ? "" : unsent;
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4404) return;  /* no such room */
      status.textContent = room.dataset.labelReconnecting;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    showError("");
    unsent = text;
    send({ type: "send", body: text });
    input.value = "";
  });
  room.querySelector(".chat-room__close").addEventListener("click", function () { send({ type: "close" }); });
  setInterval(function () { send({ type: "ping" }); }, 60000);  /* keeps this reader counted */
  connect();
})();
