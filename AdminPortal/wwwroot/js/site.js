// Progressive enhancements only: every form works without this file.

// Client-side validation re-checks a field that shows an error on every change, not only on keyup: a value pasted
// with the mouse or filled in by a password manager clears its error at once. Otherwise the error would go on the
// mousedown of the next click, and the layout shifting under the pointer would swallow that click.
document.addEventListener('input', (event) => {
    const field = event.target;
    const jquery = window.jQuery;
    if (jquery?.validator && field instanceof HTMLElement && field.classList.contains('input-validation-error') && field.closest('form')) {
        jquery(field).valid();
    }
});

// The <details> menus (the navigation bar's, a list row's, the user list's bulk actions) work without this; with it, a click elsewhere or Escape closes them, as
// a menu does.
document.addEventListener('click', (event) => {
    for (const menu of document.querySelectorAll('details:is(.user-menu, .nav-collapse, .row-menu, .bulk-menu)[open]')) {
        if (!menu.contains(event.target)) {
            menu.removeAttribute('open');
        }
    }
});
document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') {
        return;
    }
    const menu = document.activeElement?.closest('details[open]');
    if (menu?.matches('.user-menu, .nav-collapse, .row-menu, .bulk-menu')) {
        menu.removeAttribute('open');
        menu.querySelector('summary')?.focus();
    }
});

// The first field of the page's form has focus when the page opens (the first field with an error, when the server
// sent some back), unless the address points somewhere on the page or something else already has focus.
(function focusFirstField() {
    if (location.hash || (document.activeElement && document.activeElement !== document.body)) {
        return;
    }
    const fields = ':is(input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]), select, textarea):not([disabled]):not([readonly])';
    const form = document.querySelector('main form[method=post]:has(' + fields + ')');
    const field = form?.querySelector(fields.replace(':is(', '.is-invalid:is(')) ?? form?.querySelector(fields);
    field?.focus();
})();

// The status message's close button (Components/Layout/StatusMessage) is hidden without this file, which shows it
// and removes the message on a click; focus goes to the page's content, not back to the top of the document.
for (const button of document.querySelectorAll('[data-dismiss-alert]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
        button.closest('.alert')?.remove();
        document.getElementById('main')?.focus();
    });
}

// A form marked data-submit-on-change (the user list's sort on a phone) is sent as soon as its choice changes; its
// submit button, there for a browser without JavaScript, is hidden.
for (const form of document.querySelectorAll('form[data-submit-on-change]')) {
    for (const button of form.querySelectorAll('[type=submit]')) {
        button.hidden = true;
    }
    form.addEventListener('change', () => form.requestSubmit());
}

// A form with a cooldown (the reset wizard's "Send a new code"): its button is disabled and its message counts the
// seconds down until the server will take it; then the button is enabled again. The server enforces the wait anyway.
for (const form of document.querySelectorAll('form[data-wait-seconds]')) {
    const seconds = Number(form.dataset.waitSeconds);
    const button = form.querySelector('[type=submit]');
    const message = form.querySelector('[data-wait-message]');
    if (!(seconds > 0) || !button || !message) {
        continue;
    }
    const readyAt = Date.now() + seconds * 1000;
    button.disabled = true;
    const tick = () => {
        const left = Math.ceil((readyAt - Date.now()) / 1000);
        if (left > 0) {
            // Only when the number changes, so a screen reader is not told the same sentence again.
            const text = form.dataset.waitText.replace('{0}', String(left));
            if (message.textContent !== text) {
                message.textContent = text;
            }
            setTimeout(tick, 250);
        } else {
            message.textContent = form.dataset.readyText;
            button.disabled = false;
        }
    };
    tick();
}
