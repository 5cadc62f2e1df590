// Passkeys (issue 15): a form marked data-passkey="create" or "get" asks its page for the browser's options (the form's
// own fields, antiforgery token included, are posted to data-options-url), runs the browser's ceremony, and posts the
// answer in its data-passkey-credential field. The forms stay hidden where the browser cannot do this (no WebAuthn,
// or no JSON helpers), and without this script: the password form beside them works as before.
(() => {
    const supported = typeof window.PublicKeyCredential === 'function'
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
        && !!navigator.credentials;
    if (!supported) {
        return;
    }
    for (const note of document.querySelectorAll('[data-passkey-unsupported]')) {
        note.hidden = true;
    }
    for (const form of document.querySelectorAll('form[data-passkey]')) {
        (form.closest('[data-passkey-section]') ?? form).hidden = false;
        const credentialField = form.querySelector('[data-passkey-credential]');
        const error = form.querySelector('[data-passkey-error]');
        const nameField = form.querySelector('input[name="Input.Name"]');
        form.addEventListener('submit', async (event) => {
            // Without a name the form goes to the server as it is, which answers at the field.
            if (nameField && nameField.value.trim() === '') {
                return;
            }
            event.preventDefault();
            if (error) {
                error.hidden = true;
            }
            try {
                const response = await fetch(form.dataset.optionsUrl, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
                if (!response.ok) {
                    throw new Error(`The options request answered ${response.status}.`);
                }
                const options = await response.json();
                const credential = form.dataset.passkey === 'create'
                    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                    : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
                credentialField.value = JSON.stringify(credential);
                // submit() does not fire this handler again.
                form.submit();
            } catch (failure) {
                if (error) {
                    error.textContent = form.dataset.errorText;
                    error.hidden = false;
                }
            }
        });
    }
})();
