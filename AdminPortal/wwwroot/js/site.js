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
