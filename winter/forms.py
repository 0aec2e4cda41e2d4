from django import forms

from winter.models import QuestionKind

YES_NO = [("yes", "Yes"), ("no", "No")]


class ResponseForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            if question.kind == QuestionKind.YES_NO:
                self.fields[question.code] = forms.ChoiceField(
                    label=question.text,
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    error_messages={"required": f"Answer: {question.text}"},
                )
            else:
                self.fields[question.code] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={"max_length": "The answer must be 4,000 characters or fewer"},
                )
        self.fields["published"] = forms.BooleanField(
            label="Publish our answers",
            required=False,
            help_text=(
                "Unless you tick this, only national figures that include your answers are shown."
            ),
        )

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            q: (data[q.code] == "yes") if q.kind == QuestionKind.YES_NO else data.get(q.code, "")
            for q in self.questions
        }

    @staticmethod
    def initial_from(response) -> dict:
        initial = {"published": response.published}
        for answer in response.answers.all():
            if answer.question.kind == QuestionKind.YES_NO and answer.yes is not None:
                initial[answer.question.code] = "yes" if answer.yes else "no"
            else:
                initial[answer.question.code] = answer.text
        return initial
