"""core.expressions.ModelSQL: subqueries as one expression, with the model's quoted names."""

import pytest
from django.db.models import CharField, IntegerField

from core.expressions import ModelSQL
from fund.models import Tranche
from fund.selectors import weighing_tranche
from tests.proposals.factories import regional_fund_with_municipalities


def test_arguments_must_appear_once_each_in_order():
    with pytest.raises(TypeError, match="in order"):

        class Swapped(ModelSQL):
            model = Tranche
            sql = "(SELECT {id} FROM {table} WHERE {year} = {1} AND {fund} = {0})"
            output_field = IntegerField()

    with pytest.raises(TypeError, match="in order"):

        class Twice(ModelSQL):
            model = Tranche
            sql = "(SELECT {id} FROM {table} WHERE {year} = {0} OR {year} = {0})"
            output_field = IntegerField()


def test_a_name_that_is_not_a_field_of_the_model_is_refused():
    with pytest.raises(TypeError, match="no {'colour'}"):

        class Unknown(ModelSQL):
            model = Tranche
            sql = "(SELECT {colour} FROM {table} WHERE {fund} = {0})"
            output_field = CharField()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "weighing"),
    [(2016, 2016), (2017, 2018), (2019, 2018), (2020, 2021), (2030, 2021), (2000, 2016)],
)
def test_the_weighing_tranche_is_the_years_else_the_nearest_the_later_on_a_tie(year, weighing):
    fund, _ = regional_fund_with_municipalities(2, years=(2016, 2018, 2021))
    other, _ = regional_fund_with_municipalities(2, years=(2017, 2019, 2020))
    found = Tranche.objects.get(pk=weighing_tranche(fund_id=fund.pk, year=year))
    assert (found.fund_id, found.year) == (fund.pk, weighing)
    assert Tranche.objects.get(pk=weighing_tranche(fund_id=other.pk, year=2017)).year == 2017
