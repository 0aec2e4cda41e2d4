from django import forms


class StatementForm(forms.Form):
    text = forms.CharField(
        label="The council's statement",
        help_text="Shown to the public beside the council's pressure level.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter the statement",
            "max_length": "The statement must be 2,000 characters or fewer",
        },
    )
