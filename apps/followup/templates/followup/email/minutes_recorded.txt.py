BBBB BBBB gettext(u'Minutes from the meeting about “%(title)s”') SSSSSSS SSSS SSS SSSSSSS SSSSS SSSSSSSSSSS
 gettext(u'%(name)s has recorded the minutes of the %(kind)s.') SSSSSSSS SSS SSSSSSSS SSS SSSSSSS SS SSS SSSSSSSSS
