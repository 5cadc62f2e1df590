// One look for a field with an error, whoever found it: jQuery validation here, the server in InvalidFieldTagHelper.
// Bootstrap's is-invalid and aria-invalid="true" go on and off with the framework's own input-validation-error.
// Loaded after jQuery validation and before the page is ready, when the unobtrusive adapter reads these defaults.
(function ($) {
    if (!$?.validator) {
        return;
    }
    $.validator.setDefaults({
        highlight(element, errorClass, validClass) {
            $(element).addClass(errorClass).addClass('is-invalid').removeClass(validClass).attr('aria-invalid', 'true');
        },
        unhighlight(element, errorClass, validClass) {
            $(element).removeClass(errorClass).removeClass('is-invalid').addClass(validClass).removeAttr('aria-invalid');
        },
    });
})(window.jQuery);
