BBBB BBBBBB BBBBBBB gettext(u'Your comment was hidden by the moderators') BBBB gettext(u'Your idea was hidden by the moderators') BBBBB
 gettext(u'Hello %(name)s,') SSSSS SSSSSSSSS

BB BBBBBBB gettext(u'Your comment on "%(title)s" was hidden by the moderators of %(hub)s.') SSSS SSSSSSS SS SSSSSSSSSSS SSS SSSSSS SS SSS SSSSSSSSSS SS SSSSSSSSBBBB gettext(u'Your idea "%(title)s" was hidden by the moderators of %(hub)s.') SSSS SSSS SSSSSSSSSSS SSS SSSSSS SS SSS SSSSSSSSSS SS SSSSSSSSBBBBB

 gettext(u'Their reason:')  

 gettext(u'You can still see it yourself here:')  
